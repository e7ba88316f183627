package io.edgewatch.schedule;

/**
 * How many detections per second the device budget allows: {@code fraction / latency}, with the detector's
 * latency as an exponentially weighted moving average of measured calls. Used by the detect thread only.
 */
public final class ComputeBudget {
    /** Weight of the newest latency sample; ~10 samples to follow a lasting change. */
    static final double ALPHA = 0.2;

    private volatile double fraction;
    private double latencyNanos = Double.NaN;

    /** @param fraction share (0..1] of wall time the detector may run */
    public ComputeBudget(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        this.fraction = fraction;
    }

    public static ComputeBudget unlimited() {
        return new ComputeBudget(1.0);
    }

    public double fraction() {
        return fraction;
    }

    /** Changes the share (live reload); the next allocation uses it. */
    public void setFraction(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        this.fraction = fraction;
    }

    void observe(long nanos) {
        double sample = Math.max(1, nanos);
        latencyNanos = Double.isNaN(latencyNanos) ? sample : latencyNanos + ALPHA * (sample - latencyNanos);
    }

    /** Smoothed detector latency in nanoseconds, NaN before the first call. */
    public double latencyNanos() {
        return latencyNanos;
    }

    /** Detections per second the budget allows; infinite until a latency has been measured. */
    double capacityPerSecond() {
        return Double.isNaN(latencyNanos) ? Double.POSITIVE_INFINITY : fraction * 1e9 / latencyNanos;
    }
}
