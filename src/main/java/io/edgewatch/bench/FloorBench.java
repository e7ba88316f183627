package io.edgewatch.bench;

import io.edgewatch.ingest.FfmpegFrameSource;
import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.IngestOptions;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * The physical floor: what decoding a frame and running the model once cost on their own, measured as process CPU
 * (all threads: FFmpeg and ORT may use helpers) and as wall time, with nothing else running in this process.
 */
final class FloorBench {
    /** Per-frame cost of one stage. */
    record Cost(String stage, long count, double cpuMs, double wallMs) {}

    /** One measurement of the floor's parts: decode with and without colour conversion, inference. */
    record Costs(Cost decode, Cost decodeOnly, Cost inference) {}

    private FloorBench() {}

    /**
     * Decodes up to {@code maxFrames} frames of the clip, unpaced, the daemon's way: to packed BGR24 when
     * {@code convert}, else only decoded (what the daemon does with a frame the detect loop will not take).
     */
    static Cost decode(Path clip, int maxFrames, boolean convert) throws IOException {
        try (FrameSource src = new FfmpegFrameSource(SampleFrames.fileCamera("floor", clip, false, 1),
                IngestOptions.defaults())) {
            src.open();
            byte[][] buf = new byte[1][];
            src.read(n -> buf[0] = new byte[n]); // first frame: allocation and codec start-up are not per-frame
            long cpu0 = MemoryStats.processCpuNanos();
            long t0 = System.nanoTime();
            long n = 0;
            while (n < maxFrames && (convert ? src.read(len -> buf[0].length == len ? buf[0] : new byte[len]) != null
                    : src.grab())) {
                n++;
            }
            return cost(convert ? "decode" : "decode, no conversion", n, cpu0, t0);
        }
    }

    /** Runs the int8 model {@code runs} times on the prepared input after a short warm-up. */
    static Cost inference(Path model, int threads, FloatBuffer input, int size, int runs) throws Exception {
        try (OrtRunner r = new OrtRunner("floor", model, threads, input.duplicate(), new long[] {1, 3, size, size})) {
            for (int i = 0; i < 5; i++) {
                r.runOnce();
            }
            long cpu0 = MemoryStats.processCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < runs; i++) {
                r.runOnce();
            }
            return cost("inference", runs, cpu0, t0);
        }
    }

    private static Cost cost(String stage, long n, long cpu0, long t0) {
        double wall = (System.nanoTime() - t0) / 1e6;
        double cpu = (MemoryStats.processCpuNanos() - cpu0) / 1e6;
        return new Cost(stage, n, n == 0 ? Double.NaN : cpu / n, n == 0 ? Double.NaN : wall / n);
    }
}
