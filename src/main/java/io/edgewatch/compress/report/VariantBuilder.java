package io.edgewatch.compress.report;

import io.edgewatch.util.LargeStack;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import io.edgewatch.compress.lowrank.LowRankFactorizer;
import io.edgewatch.compress.lowrank.LowRankOptions;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.prune.ChannelPruner;
import io.edgewatch.compress.prune.PruneOptions;
import io.edgewatch.compress.prune.UnstructuredPruner;
import io.edgewatch.compress.quant.CalibrationOptions;
import io.edgewatch.compress.quant.CalibrationSource;
import io.edgewatch.compress.quant.QdqQuantizer;
import io.edgewatch.compress.quant.QuantConfig;
import io.edgewatch.compress.wquant.WeightQuantizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** Writes every variant of the report from one fp32 model; each step prints progress. */
final class VariantBuilder {
    private final ModelProto fp32;
    private final Path fp32File;
    private final Path dir;
    private final CalibrationSource calibration;
    private final int threads;
    private final Consumer<String> progress;
    final List<String> notes = new ArrayList<>();

    VariantBuilder(Path fp32File, Path dir, CalibrationSource calibration, int threads, Consumer<String> progress)
            throws java.io.IOException {
        this.fp32File = fp32File;
        this.fp32 = OnnxFiles.read(fp32File);
        this.dir = dir;
        this.calibration = calibration;
        this.threads = threads;
        this.progress = progress;
    }

    List<Variant> build(double[] sparsities, double channelRatio) throws Exception {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("fp32", "fp32", fp32File, "reference"));
        for (String m : List.of("minmax", "percentile", "entropy")) {
            out.add(write("int8-" + m, "int8", int8(fp32, m), "U8S8 per-channel QDQ, " + m + " calibration"));
        }
        for (double s : sparsities) {
            int pct = (int) Math.round(s * 100);
            out.add(write("prune-l1-" + pct, "unstructured", new UnstructuredPruner(PruneOptions.magnitude(s))
                    .prune(fp32), "L1 magnitude, per layer, " + pct + "% of pruned weights"));
        }
        double mid = sparsities[sparsities.length / 2];
        int midPct = (int) Math.round(mid * 100);
        out.add(write("prune-random-" + midPct, "unstructured", new UnstructuredPruner(PruneOptions.magnitude(mid)
                .withMethod(PruneOptions.Method.RANDOM)).prune(fp32), "random (baseline), " + midPct + "%"));
        ChannelPruner.Result ch = new ChannelPruner(channelRatio, true, Set.of()).prune(fp32);
        notes.add(String.format(Locale.ROOT, "Structured pruning removed %.0f%% of the filters of %d convs; skipped:"
                + " %s.", channelRatio * 100, ch.pruned().size(), ch.skipped().stream()
                .map(l -> "`" + l.node().replace("PartitionedCall/", "") + "` (" + l.skipped() + ")").toList()));
        out.add(write("channels-" + Math.round(channelRatio * 100), "structured", ch.model(),
                "filter L1, " + Math.round(channelRatio * 100) + "% of filters per eligible conv, no fine-tuning"));
        out.add(lowRank("lowrank-1x1-e90", LowRankOptions.energy(0.90), "SVD of 1x1 convs, 90% energy"));
        out.add(lowRank("lowrank-kxk-e90", LowRankOptions.energy(0.90).withSpatial(true),
                "SVD of all convs (k x k then 1 x 1), 90% energy, only where smaller"));
        for (WeightQuantizer.Scheme s : WeightQuantizer.Scheme.values()) {
            String n = "wq-" + s.name().toLowerCase(Locale.ROOT) + "-4b";
            out.add(write(n, "wquant", new WeightQuantizer(s, 4, Set.of()).quantize(fp32),
                    s + " 4-bit weights, dequantized to float (informational)"));
        }
        PruneOptions global = PruneOptions.magnitude(mid).withScope(PruneOptions.Scope.GLOBAL);
        ModelProto globalPruned = new UnstructuredPruner(global).prune(fp32);
        out.add(write("prune-global-" + midPct, "unstructured", globalPruned,
                "L1 magnitude, one global threshold, " + midPct + "% of pruned weights"));
        for (double s : List.of(sparsities[0], mid)) {
            int pct = (int) Math.round(s * 100);
            ModelProto pruned = new UnstructuredPruner(PruneOptions.magnitude(s)).prune(fp32);
            out.add(write("prune-" + pct + "+int8", "combined", int8(pruned, "minmax"),
                    "L1 per layer " + pct + "% then int8 (minmax)"));
        }
        out.add(write("prune-global-" + midPct + "+int8", "combined", int8(globalPruned, "minmax"),
                "L1 global " + midPct + "% then int8 (minmax)"));
        return out;
    }

    private Variant lowRank(String name, LowRankOptions o, String how) throws Exception {
        LowRankFactorizer.Result r = new LowRankFactorizer(o).factorise(fp32);
        notes.add("`" + name + "`: " + r.summary() + ".");
        return write(name, "lowrank", r.model(), how);
    }

    private ModelProto int8(ModelProto model, String method) throws Exception {
        CalibrationOptions c = switch (method) {
            case "percentile" -> CalibrationOptions.percentile(99.99);
            case "entropy" -> CalibrationOptions.entropy();
            default -> CalibrationOptions.minMax();
        };
        progress.accept("quantizing (" + method + ") on " + calibration.size() + " calibration frames");
        return LargeStack.call("ort-quantize", () -> new QdqQuantizer(QuantConfig.defaults().withCalibration(c),
                OrtEnvironment.getEnvironment(), threads).quantize(model, calibration, (d, t) -> {
                    if (d % 16 == 0 || d == t) {
                        progress.accept("  calibrating " + d + "/" + t);
                    }
                }).model());
    }

    private Variant write(String name, String family, ModelProto m, String how) throws java.io.IOException {
        Path f = dir.resolve(name.replace('+', '_') + ".onnx");
        OnnxFiles.write(m, f);
        progress.accept("wrote " + f);
        return new Variant(name, family, f, how);
    }
}
