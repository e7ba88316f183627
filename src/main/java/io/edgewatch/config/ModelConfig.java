package io.edgewatch.config;

import java.nio.file.Path;

/**
 * @param path        detector file (.onnx or .tflite); the loader resolves a relative path against its base
 *                    dir (the config file's directory for {@link ConfigLoader#load}) and checks that it exists
 * @param threads     ORT intra-op threads (1..cores)
 * @param inputSize   square network input side in pixels (NanoDet-m: 416)
 * @param format      output layout: {@code auto} (detect from the graph) or a format name (see docs/models.md)
 * @param labels      class-names file used when the model carries no names; empty for COCO-80
 * @param minFidelity AP50 a hot-swapped model must reach against the running one's detections (0..1)
 * @param force       swap even when the trial's latency or fidelity check fails (it must still load and fit)
 */
public record ModelConfig(Path path, int threads, int inputSize, String format, String labels, double minFidelity,
                          boolean force) {
    public static final double DEFAULT_MIN_FIDELITY = 0.8;

    /** Format {@code auto}, no labels file. */
    public ModelConfig(Path path, int threads, int inputSize) {
        this(path, threads, inputSize, "auto", "");
    }

    /** Default swap gate. */
    public ModelConfig(Path path, int threads, int inputSize, String format, String labels) {
        this(path, threads, inputSize, format, labels, DEFAULT_MIN_FIDELITY, false);
    }
}
