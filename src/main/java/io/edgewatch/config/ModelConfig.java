package io.edgewatch.config;

import java.nio.file.Path;

/**
 * @param path        ONNX detector file (NanoDet-m layout), relative paths resolve against the working dir
 * @param threads     ORT intra-op threads (1..cores)
 * @param inputSize   square network input side in pixels (NanoDet-m: 416)
 */
public record ModelConfig(Path path, int threads, int inputSize) {}
