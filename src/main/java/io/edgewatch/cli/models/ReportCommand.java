package io.edgewatch.cli.models;

import io.edgewatch.util.LargeStack;
import io.edgewatch.util.TimeSource;
import io.edgewatch.compress.report.CompressionReport;
import io.edgewatch.compress.report.ReportSettings;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models report}: every compression variant built, measured and written up in one run. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Build fp32/int8/pruned/low-rank/combined variants, measure size, fidelity and latency in one"
                + " run, and write a Markdown report with PNG plots.")
public final class ReportCommand implements Callable<Integer> {
    static final String VTEST = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

    @Option(names = "--model", defaultValue = "models/nanodet-m-416.onnx", description = "fp32 model") Path model;
    @Option(names = "--eval", defaultValue = VTEST, description = "held-out frames' source") String eval;
    @Option(names = "--eval-skip", defaultValue = "300", description = "frames skipped first") int evalSkip;
    @Option(names = "--eval-stride", defaultValue = "4", description = "every n-th frame") int evalStride;
    @Option(names = "--eval-frames", defaultValue = "100", description = "held-out frames") int evalFrames;
    @Option(names = "--calib", defaultValue = "test-videos/vtest-people.mp4", description = "calibration source")
    String calib;
    @Option(names = "--calib-frames", defaultValue = "32", description = "calibration frames") int calibFrames;
    @Option(names = "--work-dir", defaultValue = "target/compression-report", description = "variant files")
    Path workDir;
    @Option(names = "--out", defaultValue = "docs/compression-report.md", description = "report file") Path out;
    @Option(names = "--img-dir", defaultValue = "docs/img", description = "PNG plots") Path imgDir;
    @Option(names = "--threads", defaultValue = "2", description = "ORT threads for eval/calibration") int threads;
    @Option(names = "--bench-threads", defaultValue = "1", description = "intra-op threads in the bench")
    int benchThreads;
    @Option(names = "--bench-rounds", defaultValue = "30", description = "interleaved bench rounds") int rounds;
    @Option(names = "--sparsities", split = ",", defaultValue = "0.3,0.5,0.7",
            description = "unstructured sparsities") double[] sparsities;
    @Option(names = "--channel-ratio", defaultValue = "0.25", description = "structured pruning ratio")
    double channelRatio;

    @Override
    public Integer call() throws Exception {
        ReportSettings s = new ReportSettings(model, eval, evalSkip, evalStride, evalFrames, calib, calibFrames,
                workDir, out, imgDir, threads, benchThreads, rounds, sparsities, channelRatio);
        long t0 = System.nanoTime();
        var rows = LargeStack.call("models-report", () -> new CompressionReport(s, TimeSource.system(),
                m -> System.out.println(m)).run());
        System.out.printf("%d variants measured in %.0f s; report %s%n", rows.size(), (System.nanoTime() - t0) / 1e9,
                out);
        return 0;
    }
}
