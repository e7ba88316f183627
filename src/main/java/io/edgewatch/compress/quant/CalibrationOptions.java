package io.edgewatch.compress.quant;

import java.util.Objects;

/**
 * @param method     range estimator
 * @param percentile for {@link CalibrationMethod#PERCENTILE}: share of values kept, in (50, 100]
 * @param bothTails  for percentile: clip each tail separately ({@code (100 - p) / 2} each) instead of |x|
 */
public record CalibrationOptions(CalibrationMethod method, double percentile, boolean bothTails) {

    public CalibrationOptions {
        Objects.requireNonNull(method, "method must not be null");
        if (!(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100]: " + percentile);
        }
    }

    public static CalibrationOptions minMax() {
        return new CalibrationOptions(CalibrationMethod.MINMAX, 100, false);
    }

    public static CalibrationOptions percentile(double p) {
        return new CalibrationOptions(CalibrationMethod.PERCENTILE, p, false);
    }

    public static CalibrationOptions entropy() {
        return new CalibrationOptions(CalibrationMethod.ENTROPY, 100, false);
    }
}
