package io.edgewatch.config;

import java.nio.file.Path;
import java.util.List;

/**
 * @param path        detector file (.onnx or .tflite); the loader resolves a relative path against its base
 *                    dir (the config file's directory for {@link ConfigLoader#load}) and checks that it exists
 * @param threads     ORT intra-op threads (1..cores)
 * @param inputSize   square network input side in pixels (NanoDet-m: 416)
 * @param format      output layout: {@code auto} (detect from the graph) or a format name (see docs/models.md)
 * @param labels      class-names file used when the model carries no names; empty for COCO-80
 * @param minFidelity AP50 a hot-swapped model must reach against the running one's detections (0..1)
 * @param force       swap even when the trial's latency or fidelity check fails (it must still load and fit)
 * @param variants    the files {@code path: auto} chooses from, the fidelity reference (fp32) first; empty when
 *                    {@code path} names a file
 */
public record ModelConfig(Path path, int threads, int inputSize, String format, String labels, double minFidelity,
                          boolean force, List<Path> variants) {
    public static final double DEFAULT_MIN_FIDELITY = 0.8;
    /** {@code model.path: auto}: the variant is picked for this CPU (detect.VariantChoice). */
    public static final Path AUTO = Path.of("auto");
    /** Shipped variants for {@code auto}, relative to the config file's directory: fp32 reference, int8 U8S8. */
    public static final List<String> DEFAULT_VARIANTS = List.of("models/nanodet-m-416.onnx",
            "models/nanodet-m-416.int8.onnx");

    public ModelConfig {
        variants = List.copyOf(variants);
    }

    /** No variants: {@code path} names the file. */
    public ModelConfig(Path path, int threads, int inputSize, String format, String labels, double minFidelity,
                       boolean force) {
        this(path, threads, inputSize, format, labels, minFidelity, force, List.of());
    }

    /** Format {@code auto}, no labels file. */
    public ModelConfig(Path path, int threads, int inputSize) {
        this(path, threads, inputSize, "auto", "");
    }

    /** Default swap gate. */
    public ModelConfig(Path path, int threads, int inputSize, String format, String labels) {
        this(path, threads, inputSize, format, labels, DEFAULT_MIN_FIDELITY, false);
    }

    /** True for {@code model.path: auto}. */
    public boolean auto() {
        return AUTO.equals(path);
    }

    /** The same settings serving one file (an {@code auto} choice made concrete). */
    public ModelConfig withPath(Path file) {
        return new ModelConfig(file, threads, inputSize, format, labels, minFidelity, force, variants);
    }
}
