package io.edgewatch.compress.report;

import java.nio.file.Path;

/**
 * Inputs of one report run.
 *
 * @param model         fp32 NanoDet-shaped model
 * @param evalSource    held-out frames (video, folder or URL)
 * @param evalSkip      frames skipped before the first held-out frame
 * @param evalStride    take every n-th frame after that
 * @param evalFrames    how many held-out frames
 * @param calibSource   calibration frames' source
 * @param calibFrames   how many calibration frames (taken with stride 3)
 * @param workDir       where variant model files go
 * @param markdown      report file
 * @param imgDir        PNG plots
 * @param threads       ORT threads for detection and calibration
 * @param benchThreads  intra-op threads for the latency bench
 * @param benchRounds   interleaved latency rounds per variant
 * @param sparsities    unstructured sparsities (3 expected)
 * @param channelRatio  structured pruning ratio
 */
public record ReportSettings(Path model, String evalSource, int evalSkip, int evalStride, int evalFrames,
                             String calibSource, int calibFrames, Path workDir, Path markdown, Path imgDir,
                             int threads, int benchThreads, int benchRounds, double[] sparsities,
                             double channelRatio) {
    public ReportSettings {
        if (evalFrames < 1 || calibFrames < 1 || benchRounds < 1 || threads < 1 || benchThreads < 1) {
            throw new IllegalArgumentException("frame counts, rounds and threads must be positive");
        }
        if (sparsities.length == 0) {
            throw new IllegalArgumentException("sparsities must not be empty");
        }
        sparsities = sparsities.clone();
    }
}
