package io.edgewatch.cli;

import io.edgewatch.bench.BenchReport;
import io.edgewatch.bench.BenchResults;
import io.edgewatch.bench.BenchSettings;
import io.edgewatch.bench.BenchSuite;
import io.edgewatch.util.LargeStack;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bytedeco.javacv.FFmpegLogCallback;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edgewatch bench}: runtimes, floor, end-to-end latency, scale and memory in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure runtimes (ORT int8/fp32 vs OpenCV DNN), the decode+inference floor vs the daemon, "
                + "end-to-end latency, camera scaling and memory. Writes bench.json, bench.md and PNG charts.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "bench-out", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;
    @Option(names = "--int8-model", defaultValue = "models/nanodet-m-416.int8.onnx") Path int8;
    @Option(names = "--fp32-model", defaultValue = "models/nanodet-m-416.onnx") Path fp32;
    @Option(names = "--model", description = "Further model, any format (.onnx nanodet/yolov8/yolov5/yolox/ssd, "
            + ".tflite), measured in the runtime rows through the full detect() path; repeatable.")
    List<Path> models = new ArrayList<>();
    @Option(names = "--clip", defaultValue = "test-videos/vtest-people.mp4") Path clip;
    @Option(names = "--scale-clip", description = "Clip of the scale sweep (default: --clip), e.g. a 720p/15 fps transcode.")
    Path scaleClip;
    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "Runtime thread counts.")
    List<Integer> threads;
    @Option(names = "--rounds", defaultValue = "40", description = "Interleaved rounds per runtime.") int rounds;
    @Option(names = "--warmup", defaultValue = "5") int warmup;
    @Option(names = "--decode-frames", defaultValue = "300") int decodeFrames;
    @Option(names = "--probe-seconds", defaultValue = "20", description = "Measuring window of each scale-sweep run.")
    double probeSeconds;
    @Option(names = "--nominal-seconds", defaultValue = "60", description = "Measuring window of the two 1-camera "
            + "runs (their end-to-end p99 wants a few hundred events).")
    double nominalSeconds;
    @Option(names = "--probe-warmup-seconds", defaultValue = "6", description = "Warm-up of each scale-sweep run.")
    double probeWarmup;
    @Option(names = "--nominal-warmup-seconds", defaultValue = "40", description = "Warm-up of the 1-camera runs "
            + "the CPU/floor and latency ratios come from: after the JIT and the heap settled.")
    double nominalWarmup;
    @Option(names = "--cameras", split = ",", defaultValue = "1,2,4,8", description = "Scale sweep camera counts.")
    List<Integer> cameras;
    @Option(names = "--nominal-fps", defaultValue = "5", description = "Detect fps of the 1-camera run.") double nominalFps;
    @Option(names = "--scale-fps", defaultValue = "2", description = "Detect fps per camera in the sweep.") double scaleFps;
    @Option(names = "--daemon-threads", defaultValue = "1", description = "ORT threads in the daemon runs.")
    int daemonThreads;
    @Option(names = "--child-heap", defaultValue = "auto",
            description = "-Xmx of the daemon child JVMs; auto = bin/edgewatch's rule (96 MB + 24 MB per camera).")
    String childHeap;
    @Option(names = "--skip-opencv", description = "Leave OpenCV DNN out.") boolean skipOpenCv;
    @Option(names = "--rtsp-server", description = "gst_rtsp_server.py (src/test/resources/rtsp): scale sweep over "
            + "real RTSP sessions instead of file cameras.")
    Path rtspServer;

    @Override
    public Integer call() throws Exception {
        FFmpegLogCallback.set(); // FFmpeg's own messages through the redacting logger
        BenchSettings s = new BenchSettings(int8, fp32, clip, scaleClip == null ? clip : scaleClip, out, threads,
                warmup, rounds, decodeFrames, probeWarmup, nominalWarmup, nominalSeconds, probeSeconds, cameras, nominalFps, scaleFps,
                daemonThreads, childHeap, skipOpenCv, rtspServer, models);
        // ONNX Runtime and OpenCV set up on a large stack (they can overflow the default 1 MB one).
        BenchResults result = LargeStack.call("bench",
                () -> new BenchSuite(s, msg -> System.err.println("[bench] " + msg)).run());
        BenchReport.write(result, out);
        System.out.print(BenchReport.targets(result));
        System.err.println("[bench] wrote " + out.resolve("bench.json") + ", bench.md and charts");
        return 0;
    }
}
