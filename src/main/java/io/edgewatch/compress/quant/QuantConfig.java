package io.edgewatch.compress.quant;

import java.util.Objects;
import java.util.Set;

/**
 * What to quantize and how.
 *
 * @param calibration    activation range method
 * @param perChannel     int8 weight scales per output channel (else one per tensor)
 * @param reduceRange    7-bit weights [-64, 63] for AVX2 machines without VNNI
 * @param quantizeMatMul also quantize MatMul/Gemm with constant weights (per-tensor weight scale)
 * @param keepTailFloat  keep the detector head's tail float (see {@link QdqPlanner})
 * @param include        node names to quantize even if the tail rule would keep them float
 * @param exclude        node names never to quantize
 */
public record QuantConfig(CalibrationOptions calibration, boolean perChannel, boolean reduceRange,
        boolean quantizeMatMul, boolean keepTailFloat, Set<String> include, Set<String> exclude) {

    public QuantConfig {
        Objects.requireNonNull(calibration, "calibration must not be null");
        include = Set.copyOf(Objects.requireNonNull(include, "include must not be null"));
        exclude = Set.copyOf(Objects.requireNonNull(exclude, "exclude must not be null"));
    }

    /** U8S8 per-channel, minmax calibration, head tail kept float. */
    public static QuantConfig defaults() {
        return new QuantConfig(CalibrationOptions.minMax(), true, false, false, true, Set.of(), Set.of());
    }

    public QuantConfig withCalibration(CalibrationOptions c) {
        return new QuantConfig(c, perChannel, reduceRange, quantizeMatMul, keepTailFloat, include, exclude);
    }

    public QuantConfig withReduceRange(boolean r) {
        return new QuantConfig(calibration, perChannel, r, quantizeMatMul, keepTailFloat, include, exclude);
    }

    public QuantConfig withPerChannel(boolean p) {
        return new QuantConfig(calibration, p, reduceRange, quantizeMatMul, keepTailFloat, include, exclude);
    }

    public QuantConfig withKeepTailFloat(boolean k) {
        return new QuantConfig(calibration, perChannel, reduceRange, quantizeMatMul, k, include, exclude);
    }

    public QuantConfig withOverrides(Set<String> inc, Set<String> exc) {
        return new QuantConfig(calibration, perChannel, reduceRange, quantizeMatMul, keepTailFloat, inc, exc);
    }
}
