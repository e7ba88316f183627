package io.edgewatch.compress.quant;

/**
 * Quantization arithmetic as ONNX QuantizeLinear/DequantizeLinear define it: {@code q = saturate(rint(x / scale) +
 * zeroPoint)} with round-half-to-even, {@code x = (q - zeroPoint) * scale}. Stateless.
 */
public final class QuantMath {

    public static final int U8_MIN = 0;
    public static final int U8_MAX = 255;
    public static final int S8_MAX = 127;
    /** 7-bit weights for AVX2 without VNNI, whose u8·s8 pair sums can saturate int16. */
    public static final int S8_REDUCED_MAX = 63;

    private QuantMath() {
    }

    /**
     * uint8 asymmetric parameters for activations observed in [min, max]. The range is widened to include 0 so that
     * zero (padding, ReLU output) is exact; a degenerate range gets scale 1.
     */
    public static QuantParams uint8Asymmetric(float min, float max) {
        if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
            throw new IllegalArgumentException("range must be finite and ordered: [" + min + ", " + max + "]");
        }
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        float scale = (hi - lo) / (U8_MAX - U8_MIN);
        if (!(scale > Float.MIN_NORMAL) || !Float.isFinite(scale)) {
            return new QuantParams(1f, 0, U8_MIN, U8_MAX);
        }
        long zp = Math.round(U8_MIN - lo / scale);
        int zeroPoint = (int) Math.max(U8_MIN, Math.min(U8_MAX, zp));
        return new QuantParams(scale, zeroPoint, U8_MIN, U8_MAX);
    }

    /** int8 symmetric parameters (zero point 0) for values with the given absolute maximum. */
    public static QuantParams int8Symmetric(float absMax, boolean reduceRange) {
        if (!Float.isFinite(absMax) || absMax < 0f) {
            throw new IllegalArgumentException("absMax must be finite and non-negative: " + absMax);
        }
        int qmax = reduceRange ? S8_REDUCED_MAX : S8_MAX;
        float scale = absMax / qmax;
        if (!(scale > Float.MIN_NORMAL)) {
            scale = 1f;
        }
        return new QuantParams(scale, 0, -qmax - 1, qmax);
    }

    /**
     * Per-output-channel int8 symmetric parameters of a weight tensor laid out with the channel as the slowest
     * axis (Conv OIHW, axis 0). With {@code perChannel == false} every channel gets the whole tensor's parameters.
     */
    public static QuantParams[] int8PerChannel(float[] weights, int channels, boolean perChannel,
            boolean reduceRange) {
        if (channels <= 0 || weights.length % channels != 0) {
            throw new IllegalArgumentException("channels must divide the weight count: " + channels);
        }
        int per = weights.length / channels;
        float[] absMax = new float[channels];
        float globalMax = 0f;
        for (int c = 0; c < channels; c++) {
            float m = 0f;
            for (int i = c * per; i < (c + 1) * per; i++) {
                m = Math.max(m, Math.abs(weights[i]));
            }
            absMax[c] = m;
            globalMax = Math.max(globalMax, m);
        }
        QuantParams[] out = new QuantParams[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = int8Symmetric(perChannel ? absMax[c] : globalMax, reduceRange);
        }
        return out;
    }

    /** QuantizeLinear of one value: float division, round half to even, saturate. */
    public static int quantize(float x, QuantParams p) {
        double q = Math.rint(x / p.scale()) + p.zeroPoint();
        if (Double.isNaN(q)) {
            return p.zeroPoint();
        }
        return (int) Math.max(p.qmin(), Math.min(p.qmax(), q));
    }

    /** DequantizeLinear of one value. */
    public static float dequantize(int q, QuantParams p) {
        return (q - p.zeroPoint()) * p.scale();
    }

    /** Quantizes a channel-major weight tensor with one parameter set per channel into int8 bytes. */
    public static byte[] quantizeWeights(float[] weights, QuantParams[] channelParams) {
        int per = weights.length / channelParams.length;
        byte[] out = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = (byte) quantize(weights[i], channelParams[i / per]);
        }
        return out;
    }

    /**
     * Bias as int32 with scale {@code inputScale * weightScale[c]} and zero point 0, the form QLinearConv
     * consumes. Saturates at the int32 bounds (only reached by absurd scales).
     */
    public static int[] quantizeBias(float[] bias, float inputScale, QuantParams[] weightParams) {
        int[] out = new int[bias.length];
        for (int c = 0; c < bias.length; c++) {
            double q = Math.rint(bias[c] / (double) biasScale(inputScale, weightParams[c]));
            out[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, q));
        }
        return out;
    }

    /** The float scale DequantizeLinear uses for bias channel c; must match {@link #quantizeBias}. */
    public static float biasScale(float inputScale, QuantParams weightParams) {
        return inputScale * weightParams.scale();
    }
}
