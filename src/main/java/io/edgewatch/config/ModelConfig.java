package io.edgewatch.config;

import java.nio.file.Path;

/**
 * @param path        ONNX detector file (NanoDet-m layout); the loader resolves a relative path against its base
 *                    dir (the config file's directory for {@link ConfigLoader#load}) and checks that it exists
 * @param threads     ORT intra-op threads (1..cores)
 * @param inputSize   square network input side in pixels (NanoDet-m: 416)
 */
public record ModelConfig(Path path, int threads, int inputSize) {}
