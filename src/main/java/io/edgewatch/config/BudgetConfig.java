package io.edgewatch.config;

/**
 * Device-wide compute budget for inference.
 *
 * @param inferenceFraction fraction (0..1] of wall time the detect thread may spend inside the detector. One
 *                          detect thread runs one inference at a time with {@code model.threads} intra-op
 *                          threads, so the CPU it may use is about {@code inferenceFraction × model.threads}
 *                          cores; 1 means "as much as the detect thread can do"
 */
public record BudgetConfig(double inferenceFraction) {
    public BudgetConfig {
        if (!(inferenceFraction > 0 && inferenceFraction <= 1)) {
            throw new IllegalArgumentException("inferenceFraction must be in (0, 1]: " + inferenceFraction);
        }
    }

    /** No throttling beyond what one detect thread can do. */
    public static BudgetConfig defaults() {
        return new BudgetConfig(1.0);
    }
}
