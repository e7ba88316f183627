package io.edgewatch.config;

import java.nio.file.Path;

/**
 * @param path        detector file (.onnx or .tflite); the loader resolves a relative path against its base
 *                    dir (the config file's directory for {@link ConfigLoader#load}) and checks that it exists
 * @param threads     ORT intra-op threads (1..cores)
 * @param inputSize   square network input side in pixels (NanoDet-m: 416)
 * @param format      output layout: {@code auto} (detect from the graph) or a format name (see docs/models.md)
 * @param labels      class-names file used when the model carries no names; empty for COCO-80
 */
public record ModelConfig(Path path, int threads, int inputSize, String format, String labels) {
    /** Format {@code auto}, no labels file. */
    public ModelConfig(Path path, int threads, int inputSize) {
        this(path, threads, inputSize, "auto", "");
    }
}
