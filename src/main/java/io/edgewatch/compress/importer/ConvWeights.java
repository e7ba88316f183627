package io.edgewatch.compress.importer;

/** Filter layout and padding arithmetic shared by the conv and pooling converters. */
final class ConvWeights {

    private ConvWeights() {}

    /** TF Conv2D filter [kh, kw, in/group, out] → ONNX [out, in/group, kh, kw]. */
    static Tensor hwioToOihw(Tensor f) {
        int[] s = f.shape();
        int kh = s[0], kw = s[1], ci = s[2], co = s[3];
        float[] src = f.floats();
        float[] dst = new float[src.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < ci; i++) {
                    for (int o = 0; o < co; o++) {
                        dst[((o * ci + i) * kh + h) * kw + w] = src[((h * kw + w) * ci + i) * co + o];
                    }
                }
            }
        }
        return Tensor.ofFloats(new int[] {co, ci, kh, kw}, dst);
    }

    /** TF depthwise filter [kh, kw, C, M] → ONNX [C·M, 1, kh, kw] (used with group = C). */
    static Tensor depthwiseToOihw(Tensor f) {
        int[] s = f.shape();
        int kh = s[0], kw = s[1], c = s[2], m = s[3];
        float[] src = f.floats();
        float[] dst = new float[src.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int ci = 0; ci < c; ci++) {
                    for (int mi = 0; mi < m; mi++) {
                        dst[((ci * m + mi) * kh + h) * kw + w] = src[((h * kw + w) * c + ci) * m + mi];
                    }
                }
            }
        }
        return Tensor.ofFloats(new int[] {c * m, 1, kh, kw}, dst);
    }

    /**
     * ONNX pads [h_begin, w_begin, h_end, w_end] for a TF padding mode. SAME puts the odd pixel at the
     * end (SAME_UPPER); spelling it out keeps later pad folding simple.
     */
    static long[] pads(String padding, int[] explicitNchw, int[] inHw, int[] kHw, int[] sHw, int[] dHw) {
        long[] pads = new long[4];
        switch (padding) {
            case "VALID":
                break;
            case "SAME":
                for (int i = 0; i < 2; i++) {
                    int out = (inHw[i] + sHw[i] - 1) / sHw[i];
                    int total = Math.max((out - 1) * sHw[i] + (kHw[i] - 1) * dHw[i] + 1 - inHw[i], 0);
                    pads[i] = total / 2;
                    pads[i + 2] = total - total / 2;
                }
                break;
            case "EXPLICIT":
                for (int i = 0; i < 2; i++) {
                    pads[i] = explicitNchw[2 * (2 + i)];
                    pads[i + 2] = explicitNchw[2 * (2 + i) + 1];
                }
                break;
            default:
                throw new IllegalArgumentException("unsupported padding " + padding);
        }
        return pads;
    }
}
