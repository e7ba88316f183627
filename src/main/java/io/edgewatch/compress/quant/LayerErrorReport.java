package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per-tensor fp32 vs int8 comparison to find the layers that quantize badly. Both models get the same tensors as
 * extra outputs (in the QDQ model the dequantized copy when one exists). Exposing them as outputs keeps ORT from
 * fusing those nodes, so the int8 side is QDQ-simulated; it differs from the fused kernels only by rounding.
 */
public final class LayerErrorReport {

    private final OrtEnvironment env;

    public LayerErrorReport(OrtEnvironment env) {
        this.env = env;
    }

    /** Errors of {@code tensors} (float-model names) over {@code inputs}, worst relative L2 first. */
    public List<LayerError> compare(ModelProto fp32, ModelProto int8, List<String> tensors, List<float[]> inputs)
            throws OrtException {
        Set<String> int8Outputs = new HashSet<>();
        for (NodeProto n : int8.getGraph().getNodeList()) {
            int8Outputs.addAll(n.getOutputList());
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String t : tensors) {
            String dq = t + "_dequantized";
            pairs.put(t, int8Outputs.contains(dq) ? dq : t);
        }
        Map<String, Accumulator> acc = new LinkedHashMap<>();
        pairs.keySet().forEach(t -> acc.put(t, new Accumulator()));
        // One input at a time through both models: all tensors of many frames would not fit a small heap.
        try (OrtSession.SessionOptions o = OrtModels.options(1, OrtSession.SessionOptions.OptLevel.BASIC_OPT);
                OrtSession a = env.createSession(Tensors.withFloatOutputs(fp32, pairs.keySet()).toByteArray(), o);
                OrtSession b = env.createSession(Tensors.withFloatOutputs(int8, pairs.values()).toByteArray(), o)) {
            for (float[] x : inputs) {
                Map<String, float[]> ref = run(a, pairs.keySet(), x);
                Map<String, float[]> got = run(b, pairs.values(), x);
                pairs.forEach((t, c) -> acc.get(t).add(ref.get(t), got.get(c)));
            }
        }
        List<LayerError> out = new ArrayList<>();
        pairs.forEach((t, c) -> out.add(acc.get(t).result(t, c)));
        out.sort(Comparator.comparingDouble(LayerError::relL2).reversed());
        return out;
    }

    private Map<String, float[]> run(OrtSession s, java.util.Collection<String> names, float[] x)
            throws OrtException {
        var in = OrtModels.singleInput(s);
        try (OnnxTensor t = OrtModels.tensor(env, x, in.getValue());
                OrtSession.Result r = s.run(Map.of(in.getKey(), t), Set.copyOf(names))) {
            Map<String, float[]> m = new LinkedHashMap<>();
            r.forEach(e -> m.put(e.getKey(), OrtModels.floats((OnnxTensor) e.getValue())));
            return m;
        }
    }

    /** Running sums of one tensor pair over all inputs; non-finite elements are skipped. */
    private static final class Accumulator {
        private double diff2;
        private double ref2;
        private double got2;
        private double dot;
        private double maxAbs;

        void add(float[] a, float[] b) {
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                if (!Float.isFinite(a[i]) || !Float.isFinite(b[i])) {
                    continue;
                }
                double d = (double) b[i] - a[i];
                diff2 += d * d;
                ref2 += (double) a[i] * a[i];
                got2 += (double) b[i] * b[i];
                dot += (double) a[i] * b[i];
                maxAbs = Math.max(maxAbs, Math.abs(d));
            }
        }

        LayerError result(String t, String c) {
            double rel = ref2 > 0 ? Math.sqrt(diff2 / ref2) : Math.sqrt(diff2);
            double cos = ref2 > 0 && got2 > 0 ? dot / Math.sqrt(ref2 * got2) : (diff2 == 0 ? 1 : 0);
            return new LayerError(t, c, rel, cos, maxAbs);
        }
    }

    public static String markdown(List<LayerError> errors) {
        StringBuilder sb = new StringBuilder("| tensor | rel. L2 | cosine | max abs |\n|---|---:|---:|---:|\n");
        for (LayerError e : errors) {
            sb.append(String.format(Locale.ROOT, "| %s | %.4f | %.5f | %.4g |%n", e.tensor(), e.relL2(),
                    e.cosine(), e.maxAbs()));
        }
        return sb.toString();
    }

    public static String json(List<LayerError> errors) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(errors);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise layer errors", e);
        }
    }
}
