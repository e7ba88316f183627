package io.edgewatch.cli.models;

import io.edgewatch.util.TimeSource;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import io.edgewatch.compress.gate.AccuracyGate;
import io.edgewatch.compress.gate.GateStep;
import io.edgewatch.compress.quant.QuantConfig;
import io.edgewatch.compress.quant.QuantResult;
import io.edgewatch.compress.report.Fidelity;
import io.edgewatch.ingest.VideoFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code --min-fidelity} / {@code --auto} part of {@code models quantize}: runs {@link AccuracyGate} and
 * prints one line per step (stdout) and progress (stderr). Returns the model to write, or null when refused.
 */
final class QuantizeGate {
    /** Reference boxes at or above this score are ground truth, as in {@code models eval}. */
    static final double GT_SCORE = 0.4;

    private final Path floatFile;
    private final int threads;

    QuantizeGate(Path floatFile, int threads) {
        this.floatFile = floatFile;
        this.threads = threads;
    }

    /** Thresholds and bounds of one gated run. */
    record Settings(double minFidelity, boolean auto, int maxSteps) {}

    AccuracyGate.Outcome run(ModelProto fp32, QuantConfig config, QuantResult first, List<VideoFrame> heldOut,
            List<float[]> rankInputs, Settings s) throws Exception {
        Path work = Files.createTempDirectory("edgewatch-gate");
        try {
            Fidelity fidelity = new Fidelity(heldOut, GT_SCORE, threads, TimeSource.system());
            AccuracyGate gate = new AccuracyGate(OrtEnvironment.getEnvironment(), fidelity, floatFile, rankInputs,
                    work, TimeSource.system(), msg -> System.err.println("gate: " + msg));
            long floatSize = Files.size(floatFile);
            double[] best = {Double.NEGATIVE_INFINITY};
            System.out.printf(Locale.ROOT, "gate: float model %s, %d held-out frames, p50 %.1f ms (1 thread)%n",
                    floatFile, heldOut.size(), gate.p50Ms(floatFile));
            AccuracyGate.Outcome o = gate.run(fp32, config, first, s.minFidelity(), s.auto() ? s.maxSteps() : 0,
                    step -> System.out.println(line(step, floatSize) + note(step, best)));
            if (!o.passed()) {
                System.err.println(refusal(o, heldOut.size(), s));
            }
            return o;
        } finally {
            try (Stream<Path> files = Files.list(work)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    /** Marks a step whose layer goes back to int8 because it did not raise fidelity. */
    private static String note(GateStep s, double[] best) {
        boolean gain = s.fidelity() > best[0];
        best[0] = Math.max(best[0], s.fidelity());
        return s.step() == 0 || gain ? "" : " (no gain: back to int8)";
    }

    static String line(GateStep s, long floatSize) {
        return String.format(Locale.ROOT, "gate step %d: fidelity %.4f, %d bytes (%.2fx smaller), p50 %.1f ms, "
                + "float: %s", s.step(), s.fidelity(), s.sizeBytes(), (double) floatSize / s.sizeBytes(),
                s.p50Ms(), s.floatLayers().isEmpty() ? "-" : String.join(",", s.floatLayers()));
    }

    static String refusal(AccuracyGate.Outcome o, int frames, Settings s) {
        double best = o.steps().stream().mapToDouble(GateStep::fidelity).max().orElse(Double.NaN);
        String hint = s.auto()
                ? "--auto cannot reach it in " + (o.steps().size() - 1) + " steps; try another --method "
                        + "(minmax, percentile, entropy), more --frames, or raise --max-steps"
                : "try --auto (keeps the worst layers float) or another --method (minmax, percentile, entropy)";
        return String.format(Locale.ROOT, "refused: fidelity %.4f (AP50 vs float on %d held-out frames) is below "
                + "--min-fidelity %.4f; nothing written; %s", best, frames, s.minFidelity(), hint);
    }
}
