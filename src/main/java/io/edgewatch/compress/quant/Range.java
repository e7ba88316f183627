package io.edgewatch.compress.quant;

/** A finite activation range chosen by calibration. */
public record Range(float min, float max) {

    public Range {
        if (!Float.isFinite(min) || !Float.isFinite(max) || min > max) {
            throw new IllegalArgumentException("range must be finite and ordered: [" + min + ", " + max + "]");
        }
    }

    public QuantParams uint8() {
        return QuantMath.uint8Asymmetric(min, max);
    }
}
