package io.edgewatch.compress.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quantizes the imported NanoDet-m on real frames of vtest.avi and checks fusion, size and raw output closeness.
 * Prints latency (fp32 vs int8, 1 thread, interleaved) for the report; speed is not asserted here.
 * Model path: system property {@code edgewatch.nanodet} (default {@code models/nanodet-m-416.onnx}).
 */
class NanoDetQuantIT {

    private static final String VIDEO = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void quantizedNanoDetFusesShrinksAndKeepsScores() throws Exception {
        Path model = Path.of(System.getProperty("edgewatch.nanodet", "models/nanodet-m-416.onnx"));
        assumeTrue(Files.exists(model) && Files.exists(Path.of(VIDEO)), "NanoDet model or vtest.avi missing");
        ModelProto fp32 = ModelProto.parseFrom(Files.readAllBytes(model));
        int calibFrames = Integer.getInteger("edgewatch.calibFrames", 32);
        List<float[]> frames = VideoFrames.read(VIDEO, calibFrames + 4, 19, 416);
        List<float[]> calib = frames.subList(0, calibFrames);
        List<float[]> eval = frames.subList(calibFrames, frames.size());
        String method = System.getProperty("edgewatch.calibMethod", "minmax");
        CalibrationOptions opts = switch (method) {
            case "percentile" -> CalibrationOptions.percentile(99.99);
            case "entropy" -> CalibrationOptions.entropy();
            default -> CalibrationOptions.minMax();
        };
        QuantResult r = new QdqQuantizer(QuantConfig.defaults().withCalibration(opts), ENV, 2).quantize(fp32,
                CalibrationSource.of(calib), (d, t) -> {
                    if (d % 8 == 0 || d == t) {
                        System.out.printf("calibrating %d/%d frames%n", d, t);
                    }
                });
        byte[] int8Bytes = r.model().toByteArray();
        Path outDir = Path.of("target", "quant-report");
        Files.createDirectories(outDir);
        Files.write(outDir.resolve("nanodet-m-416-int8-" + method + ".onnx"), int8Bytes);
        FusionCheck.Report fusion = new FusionCheck(ENV).verify(r.model());
        double ratio = (double) fp32.toByteArray().length / int8Bytes.length;
        System.out.printf(Locale.ROOT, "method=%s weighted=%d other=%d tail=%s%nfusion: %s%nsize ratio %.2f%n",
                method, r.plan().weightedNodes().size(), r.plan().otherNodes().size(), r.plan().tailNodes(),
                fusion.opCounts(), ratio);
        assertThat(fusion.int8ConvCount()).isEqualTo(r.plan().weightedNodes().size());
        assertThat(ratio).isGreaterThan(3.0);
        compareOutputs(fp32, r.model(), eval);
        List<LayerError> errors = new LayerErrorReport(ENV).compare(GraphPrep.prepare(fp32), r.model(),
                r.plan().tensors(), eval.subList(0, 2));
        Files.writeString(outDir.resolve("layers-" + method + ".md"), LayerErrorReport.markdown(errors));
        Files.writeString(outDir.resolve("layers-" + method + ".json"), LayerErrorReport.json(errors));
        System.out.println(LayerErrorReport.markdown(errors.subList(0, Math.min(8, errors.size()))));
        benchmark(fp32.toByteArray(), int8Bytes, eval.get(0));
    }

    private static void compareOutputs(ModelProto fp32, ModelProto int8, List<float[]> eval) throws OrtException {
        double maxScoreDiff = 0;
        double sumScoreDiff = 0;
        long n = 0;
        int hot = 0;
        int hotAgree = 0;
        try (OrtSession a = session(fp32.toByteArray()); OrtSession b = session(int8.toByteArray())) {
            for (float[] x : eval) {
                Map<String, float[]> fa = run(a, x);
                Map<String, float[]> fb = run(b, x);
                for (String out : List.of("Identity", "Identity_1", "Identity_2")) {
                    float[] sa = fa.get(out);
                    float[] sb = fb.get(out);
                    for (int i = 0; i < sa.length; i++) {
                        double d = Math.abs(sa[i] - sb[i]);
                        maxScoreDiff = Math.max(maxScoreDiff, d);
                        sumScoreDiff += d;
                        n++;
                        if (sa[i] > 0.35f) {
                            hot++;
                            hotAgree += sb[i] > 0.25f ? 1 : 0;
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "scores: mean |diff| %.5f, max |diff| %.4f, fp32 scores>0.35: %d, int8 "
                + "keeps %d of them above 0.25%n", sumScoreDiff / n, maxScoreDiff, hot, hotAgree);
        assertThat(sumScoreDiff / n).isLessThan(0.01);
        assertThat(hot).isPositive();
        assertThat(hotAgree).isGreaterThanOrEqualTo((int) (0.8 * hot));
    }

    private static void benchmark(byte[] fp32, byte[] int8, float[] x) throws OrtException {
        try (OrtSession a = session(fp32); OrtSession b = session(int8)) {
            for (int i = 0; i < 3; i++) {
                run(a, x);
                run(b, x);
            }
            List<Long> ta = new ArrayList<>();
            List<Long> tb = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                run(a, x);
                long t1 = System.nanoTime();
                run(b, x);
                long t2 = System.nanoTime();
                ta.add(t1 - t0);
                tb.add(t2 - t1);
            }
            double ma = median(ta) / 1e6;
            double mb = median(tb) / 1e6;
            System.out.printf(Locale.ROOT, "latency 1 thread (median of 20 interleaved): fp32 %.1f ms, int8 %.1f ms,"
                    + " speedup %.2fx%n", ma, mb, ma / mb);
        }
    }

    private static double median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static OrtSession session(byte[] model) throws OrtException {
        OrtSession.SessionOptions o = OrtModels.options(1, OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return ENV.createSession(model, o);
    }

    private static Map<String, float[]> run(OrtSession s, float[] x) throws OrtException {
        try (OnnxTensor t = OrtModels.tensor(ENV, x, new long[] {1, 3, 416, 416});
                OrtSession.Result r = s.run(Map.of("input_1", t))) {
            Map<String, float[]> m = new java.util.HashMap<>();
            r.forEach(e -> m.put(e.getKey(), OrtModels.floats((OnnxTensor) e.getValue())));
            return m;
        }
    }
}
