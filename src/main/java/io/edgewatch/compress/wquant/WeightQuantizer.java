package io.edgewatch.compress.wquant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Weight-only quantization as in the seed articles, dequantized straight back to float32 so ONNX Runtime runs the
 * model unchanged: it measures what b-bit weights cost in accuracy, not speed (informational).
 * <ul>
 * <li>LINEAR: symmetric uniform, per output channel: q = round(w / s) in [-(2^(b-1)-1), 2^(b-1)-1],
 * s = max|w| / (2^(b-1)-1).
 * <li>LOG2: power-of-two, per output channel: one sign bit plus (b-1) bits of exponent, i.e. 2^(b-1)-1 levels
 * 2^e for e in [emax-L+1, emax] (emax = round(log2 max|w|)) plus zero; |w| is rounded in the log domain and values
 * below half the smallest level become zero.
 * </ul>
 */
public final class WeightQuantizer {

    public enum Scheme { LINEAR, LOG2 }

    private final Scheme scheme;
    private final int bits;
    private final Set<String> exclude;

    public WeightQuantizer(Scheme scheme, int bits, Set<String> exclude) {
        if (bits < 2 || bits > 16) {
            throw new IllegalArgumentException("bits must be in [2,16]: " + bits);
        }
        this.scheme = java.util.Objects.requireNonNull(scheme, "scheme must not be null");
        this.bits = bits;
        this.exclude = Set.copyOf(exclude);
    }

    public ModelProto quantize(ModelProto model) {
        Graph g = new Graph(model.getGraph());
        Map<String, TensorProto> replaced = new LinkedHashMap<>();
        for (NodeProto n : g.weightedNodes()) {
            if (exclude.contains(n.getName())) {
                continue;
            }
            TensorProto t = g.initializer(n.getInput(1));
            float[] w = Tensors.floats(t);
            // Conv weights: channels on axis 0; MatMul [K,N]: one scale per tensor is the safe choice
            int channels = n.getOpType().equals("Conv") ? (int) t.getDims(0) : 1;
            replaced.put(t.getName(), Tensors.withValues(t, apply(w, channels)));
        }
        return Tensors.replace(model, replaced);
    }

    /** Quantizes and dequantizes {@code w} in {@code channels} equal contiguous slices. */
    public float[] apply(float[] w, int channels) {
        float[] out = new float[w.length];
        int per = w.length / channels;
        for (int c = 0; c < channels; c++) {
            float max = 0;
            for (int i = c * per; i < (c + 1) * per; i++) {
                max = Math.max(max, Math.abs(w[i]));
            }
            for (int i = c * per; i < (c + 1) * per; i++) {
                out[i] = scheme == Scheme.LINEAR ? linear(w[i], max) : log2(w[i], max);
            }
        }
        return out;
    }

    float linear(float v, float max) {
        if (max == 0) {
            return 0f;
        }
        int qmax = (1 << (bits - 1)) - 1;
        float scale = max / qmax;
        long q = Math.max(-qmax, Math.min(qmax, Math.round(v / scale)));
        return q * scale;
    }

    float log2(float v, float max) {
        if (v == 0 || max == 0) {
            return 0f;
        }
        int levels = (1 << (bits - 1)) - 1;
        int emax = (int) Math.round(Math.log(max) / Math.log(2));
        int emin = emax - levels + 1;
        double e = Math.log(Math.abs(v)) / Math.log(2);
        if (e < emin - 1) {
            return 0f; // below half the smallest level
        }
        long r = Math.max(emin, Math.min(emax, Math.round(e)));
        return (float) (Math.signum(v) * Math.pow(2, r));
    }
}
