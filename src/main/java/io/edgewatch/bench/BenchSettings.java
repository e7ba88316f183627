package io.edgewatch.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code edgewatch bench} runs.
 *
 * @param rounds         interleaved rounds per runtime/thread combination
 * @param warmupSeconds  warm-up of each scale-sweep daemon run
 * @param nominalWarmupSeconds warm-up of the two single-camera runs the per-frame CPU and latency ratios come
 *                       from: the daemon runs for months, so they measure it after the JIT and the heap settled
 * @param nominalSeconds measuring window of those two runs: long enough that their p99 is not one or two events
 *                       (≈ 125 events in 20 s at 5 detect fps made it the second-latest)
 * @param probeSeconds   measuring window of each scale-sweep daemon run (after its warm-up)
 * @param scaleCameras   camera counts of the scale sweep (memory is read at every one)
 * @param nominalFps     detect fps of the single-camera floor / end-to-end run
 * @param scaleFps       detect fps per camera in the scale sweep
 * @param daemonThreads  ORT intra-op threads inside the daemon runs
 * @param rtspServer     gst_rtsp_server.py: when set, the scale sweep's cameras are RTSP sessions on it
 * @param models         further models of any supported format, measured in the runtime rows (detect() path)
 */
public record BenchSettings(Path int8Model, Path fp32Model, Path clip, Path scaleClip, Path outDir,
                            List<Integer> threads, int warmup, int rounds, int decodeFrames, double warmupSeconds,
                            double nominalWarmupSeconds, double nominalSeconds, double probeSeconds,
                            List<Integer> scaleCameras,
                            double nominalFps, double scaleFps,
                            int daemonThreads, String childHeap, boolean skipOpenCv, Path rtspServer,
                            List<Path> models) {
    public BenchSettings {
        if (rounds <= 0 || warmup < 0) {
            throw new IllegalArgumentException("rounds must be positive and warmup not negative");
        }
        if (probeSeconds <= 0 || nominalSeconds <= 0 || warmupSeconds < 0 || nominalWarmupSeconds < 0) {
            throw new IllegalArgumentException("measuring windows must be positive and warm-ups not negative");
        }
        if (threads.isEmpty() || scaleCameras.isEmpty()) {
            throw new IllegalArgumentException("threads and scaleCameras must not be empty");
        }
        if (nominalFps <= 0 || scaleFps <= 0) {
            throw new IllegalArgumentException("nominalFps and scaleFps must be positive");
        }
        threads = List.copyOf(threads);
        scaleCameras = List.copyOf(scaleCameras);
        models = models == null ? List.of() : List.copyOf(models);
    }
}
