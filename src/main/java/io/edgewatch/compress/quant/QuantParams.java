package io.edgewatch.compress.quant;

/**
 * Affine quantization parameters of one tensor (or one channel): {@code real = scale * (q - zeroPoint)}.
 *
 * @param scale     positive finite step size
 * @param zeroPoint the integer that represents real 0 exactly
 * @param qmin      lowest integer of the target type (0 for uint8, -128/-64 for int8)
 * @param qmax      highest integer of the target type
 */
public record QuantParams(float scale, int zeroPoint, int qmin, int qmax) {

    public QuantParams {
        if (!(scale > 0f) || !Float.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite: " + scale);
        }
        if (qmin >= qmax) {
            throw new IllegalArgumentException("qmin must be below qmax: " + qmin + " >= " + qmax);
        }
        if (zeroPoint < qmin || zeroPoint > qmax) {
            throw new IllegalArgumentException("zeroPoint must lie in [qmin, qmax]: " + zeroPoint);
        }
    }

    /** Smallest real value representable without saturation. */
    public float realMin() {
        return scale * (qmin - zeroPoint);
    }

    /** Largest real value representable without saturation. */
    public float realMax() {
        return scale * (qmax - zeroPoint);
    }
}
