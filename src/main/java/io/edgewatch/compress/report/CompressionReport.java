package io.edgewatch.compress.report;

import io.edgewatch.compress.latency.LatencyBench;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.compress.model.MacCounter;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.prune.Sparsity;
import io.edgewatch.compress.quant.CalibrationSource;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.NanoDetPreprocessor;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Builds every compression variant of one model and measures each in the same run: size (raw and after deflate,
 * from the files), fidelity (AP vs the fp32 model's detections on held-out frames) and latency (interleaved
 * bench). Nothing is estimated from FLOP counts; MACs are listed only to show what structured changes removed.
 */
public final class CompressionReport {
    static final double GT_MIN_SCORE = 0.35;

    private final ReportSettings s;
    private final TimeSource time;
    private final Consumer<String> progress;

    public CompressionReport(ReportSettings settings, TimeSource time, Consumer<String> progress) {
        this.s = settings;
        this.time = time;
        this.progress = progress;
    }

    /** One measured variant. {@code macs} is -1 for int8 graphs (MACs as in their float source). */
    public record Row(Variant variant, long bytes, long deflated, double sparsity, long macs, double ap50,
                      double ap50to95, double p50Ms, double p90Ms) {}

    /** Runs everything, writes the Markdown and PNGs, returns the rows. */
    public List<Row> run() throws Exception {
        Files.createDirectories(s.workDir());
        Files.createDirectories(s.imgDir());
        progress.accept("reading " + s.evalFrames() + " held-out frames from " + s.evalSource());
        List<VideoFrame> eval = FrameSampler.read(s.evalSource(),
                new FrameSampler.Selection(s.evalSkip(), s.evalStride(), s.evalFrames()), progress);
        progress.accept("reading " + s.calibFrames() + " calibration frames from " + s.calibSource());
        List<VideoFrame> calib = FrameSampler.read(s.calibSource(), new FrameSampler.Selection(0, 3, s.calibFrames()),
                progress);
        VariantBuilder builder = new VariantBuilder(s.model(), s.workDir(), CalibrationSource.of(tensors(calib)),
                s.threads(), progress);
        List<Variant> variants = builder.build(s.sparsities(), s.channelRatio());
        Fidelity fidelity = new Fidelity(eval, GT_MIN_SCORE, s.threads(), time);
        List<List<Detection>> reference = fidelity.detect(s.model());
        List<Row> rows = new ArrayList<>();
        List<LatencyBench.Variant> bench = new ArrayList<>();
        for (Variant v : variants) {
            progress.accept("evaluating " + v.name() + " on " + eval.size() + " frames");
            Fidelity.Score score = fidelity.score(reference, fidelity.detect(v.file()));
            var model = OnnxFiles.read(v.file());
            boolean floatGraph = !v.family().equals("int8") && !v.family().equals("combined");
            double sparsity = floatGraph ? Sparsity.measure(model, false).overall(List.of()) : int8Sparsity(model);
            long macs = floatGraph ? MacCounter.total(MacCounter.count(model)) : -1;
            byte[] bytes = Files.readAllBytes(v.file());
            rows.add(new Row(v, bytes.length, OnnxFiles.deflatedSize(bytes), sparsity, macs, score.ap50(),
                    score.ap50to95(), 0, 0));
            bench.add(new LatencyBench.Variant(v.name(), v.file(), s.benchThreads()));
        }
        progress.accept("benchmarking " + bench.size() + " variants, " + s.benchRounds() + " interleaved rounds");
        List<LatencyBench.Result> lat = new LatencyBench(time).run(bench, tensors(eval.subList(0, 1)).get(0), 3,
                s.benchRounds(), r -> {
                    if (r % 10 == 0 || r == s.benchRounds()) {
                        progress.accept("  round " + r + "/" + s.benchRounds());
                    }
                });
        List<Row> measured = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            measured.add(new Row(r.variant(), r.bytes(), r.deflated(), r.sparsity(), r.macs(), r.ap50(),
                    r.ap50to95(), lat.get(i).p50Ms(), lat.get(i).p90Ms()));
        }
        new ReportWriter(s, eval.size(), calib.size(), builder.notes).write(measured);
        progress.accept("wrote " + s.markdown());
        return measured;
    }

    /** Zero fraction of the int8 weight initializers of a QDQ model. */
    static double int8Sparsity(ai.onnx.proto.OnnxMl.ModelProto m) {
        long total = 0;
        long zeros = 0;
        for (var t : m.getGraph().getInitializerList()) {
            if (t.getDataType() == ai.onnx.proto.OnnxMl.TensorProto.DataType.INT8.getNumber() && t.getDimsCount() > 1) {
                for (byte b : t.getRawData().toByteArray()) {
                    total++;
                    zeros += b == 0 ? 1 : 0;
                }
            }
        }
        return total == 0 ? 0 : (double) zeros / total;
    }

    static List<float[]> tensors(List<VideoFrame> frames) {
        NanoDetPreprocessor p = new NanoDetPreprocessor(416);
        List<float[]> out = new ArrayList<>();
        for (VideoFrame f : frames) {
            FloatBuffer b = p.fill(f);
            float[] x = new float[b.remaining()];
            b.get(x);
            out.add(x);
        }
        return out;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
