package io.edgewatch.compress.gate;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.edgewatch.compress.latency.LatencyBench;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.quant.GraphPrep;
import io.edgewatch.compress.quant.LayerErrorReport;
import io.edgewatch.compress.quant.QdqQuantizer;
import io.edgewatch.compress.quant.QuantConfig;
import io.edgewatch.compress.quant.QuantResult;
import io.edgewatch.compress.report.Fidelity;
import io.edgewatch.detect.Detection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import io.edgewatch.util.TimeSource;

/**
 * Accuracy gate of the quantizer: measures an int8 candidate's fidelity (AP50 of its detections against the
 * float model's, as {@code models eval}) on frames that were not used for calibration, and, when asked, keeps the
 * worst layers float one at a time — ranked once by the layer report on calibration inputs — re-quantizing with
 * the same calibration statistics until the fidelity is reached or the step bound is hit (the NNCF
 * accuracy-control idea). Each step also records size and a quick latency figure, so the cost is visible.
 */
public final class AccuracyGate {
    static final int BENCH_WARMUP = 1;
    static final int BENCH_ROUNDS = 5;

    /** Best candidate (the one to write when it passed) and every step measured on the way. */
    public record Outcome(boolean passed, QuantResult result, byte[] bytes, List<GateStep> steps) {}

    private final OrtEnvironment env;
    private final Fidelity fidelity;
    private final List<List<Detection>> reference;
    private final List<float[]> rankInputs;
    private final Path workDir;
    private final TimeSource time;
    private final Consumer<String> progress;

    /**
     * @param fidelity   held-out frames and the scoring rule
     * @param floatModel the float model file, whose detections are the ground truth
     * @param rankInputs a few calibration inputs for the layer report
     * @param workDir    where candidates are written while measured
     */
    public AccuracyGate(OrtEnvironment env, Fidelity fidelity, Path floatModel, List<float[]> rankInputs,
            Path workDir, TimeSource time, Consumer<String> progress) {
        if (rankInputs.isEmpty()) {
            throw new IllegalArgumentException("rankInputs must not be empty");
        }
        this.env = env;
        this.fidelity = fidelity;
        this.rankInputs = List.copyOf(rankInputs);
        this.workDir = workDir;
        this.time = time;
        this.progress = progress;
        progress.accept("detecting with the float model on the held-out frames");
        this.reference = fidelity.detect(floatModel);
    }

    /**
     * @param first    the plain quantization (step 0) made with {@code config}
     * @param maxSteps most layers to try in float (a layer that does not raise fidelity goes back to int8);
     *                 0 measures {@code first} only
     * @param onStep   called after each measured step
     */
    public Outcome run(ModelProto floatModel, QuantConfig config, QuantResult first, double minFidelity,
            int maxSteps, Consumer<GateStep> onStep) throws OrtException, IOException {
        List<GateStep> steps = new ArrayList<>();
        byte[] firstBytes = first.model().toByteArray();
        GateStep best = measure(0, firstBytes, List.of());
        Outcome out = new Outcome(best.fidelity() >= minFidelity, first, firstBytes, steps);
        steps.add(best);
        onStep.accept(best);
        List<String> order = out.passed() || maxSteps == 0 ? List.of() : rank(floatModel, first);
        Set<String> kept = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(maxSteps, order.size()) && !out.passed(); i++) {
            List<String> trial = new ArrayList<>(kept);
            trial.add(order.get(i));
            progress.accept("re-quantizing with " + order.get(i) + " kept float");
            Set<String> exclude = new LinkedHashSet<>(config.exclude());
            exclude.addAll(trial);
            QuantResult r = new QdqQuantizer(config.withOverrides(config.include(), exclude), env, 1)
                    .requantize(floatModel, first.stats());
            byte[] bytes = r.model().toByteArray();
            GateStep s = measure(i + 1, bytes, trial);
            steps.add(s);
            onStep.accept(s);
            // A layer that does not help is put back to int8: it would cost size and speed for nothing.
            if (s.fidelity() > best.fidelity()) {
                kept.add(order.get(i));
                best = s;
                out = new Outcome(s.fidelity() >= minFidelity, r, bytes, steps);
            }
        }
        return new Outcome(out.passed(), out.result(), out.bytes(), List.copyOf(steps));
    }

    private List<String> rank(ModelProto floatModel, QuantResult first) throws OrtException {
        progress.accept("ranking " + first.plan().tensors().size() + " quantized tensors by fp32 vs int8 error on "
                + rankInputs.size() + " calibration frames");
        ModelProto prepared = GraphPrep.prepare(floatModel);
        var errors = new LayerErrorReport(env).compare(prepared, first.model(), first.plan().tensors(), rankInputs);
        return FloatFallback.order(errors, new Graph(prepared.getGraph()), first.plan());
    }

    private GateStep measure(int step, byte[] bytes, List<String> kept) throws OrtException, IOException {
        Path file = workDir.resolve("gate-step-" + step + ".onnx");
        Files.write(file, bytes);
        try {
            progress.accept("step " + step + ": measuring fidelity on " + reference.size() + " held-out frames");
            double ap50 = fidelity.score(reference, fidelity.detect(file)).ap50();
            progress.accept("step " + step + ": timing " + BENCH_ROUNDS + " runs");
            return new GateStep(step, kept, ap50, bytes.length, p50Ms(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Median of a few single-thread runs on a calibration input: a quick figure to compare steps. */
    public double p50Ms(Path model) throws OrtException, IOException {
        var r = new LatencyBench(time).run(List.of(new LatencyBench.Variant(model.toString(), model, 1)),
                rankInputs.get(0), BENCH_WARMUP, BENCH_ROUNDS, round -> { });
        return r.get(0).p50Ms();
    }
}
