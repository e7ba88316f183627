package io.edgewatch.compress.quant;

/** How an activation range is derived from the calibration statistics. */
public enum CalibrationMethod {
    /** Observed finite minimum and maximum. */
    MINMAX,
    /** Clip the rarest values: keep the given percentile of |x| (or of each tail). */
    PERCENTILE,
    /** Threshold on |x| minimizing the KL divergence between the fp32 and 128-level histograms (TensorRT). */
    ENTROPY;

    boolean needsHistograms() {
        return this != MINMAX;
    }
}
