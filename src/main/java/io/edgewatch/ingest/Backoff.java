package io.edgewatch.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter for reconnects. Delay n is {@code min(max, initial * multiplier^n)}
 * reduced by up to {@code jitter} of itself, so cameras that failed together do not retry in lock-step and a
 * delay never exceeds the cap. Not thread-safe: each decoder thread owns one.
 */
public final class Backoff {
    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    private final double jitter;
    private final DoubleSupplier random;
    private int attempts;

    /**
     * @param random uniform values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}; injected so
     *               tests are deterministic
     */
    public Backoff(Duration initial, Duration max, double multiplier, double jitter, DoubleSupplier random) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max must be >= initial: " + max);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
        this.multiplier = multiplier;
        this.jitter = jitter;
    }

    /** The delay before the next attempt; each call counts one attempt. */
    public long nextDelayNanos() {
        double base = Math.min((double) maxNanos, initialNanos * Math.pow(multiplier, attempts));
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        double r = random.getAsDouble();
        if (!(r >= 0.0 && r < 1.0)) {
            throw new IllegalStateException("random must return values in [0, 1): " + r);
        }
        return Math.max(1L, (long) (base * (1.0 - jitter * r)));
    }

    public Duration nextDelay() {
        return Duration.ofNanos(nextDelayNanos());
    }

    /** After a successful connection the next failure starts again at the initial delay. */
    public void reset() {
        attempts = 0;
    }

    /** Delays handed out since the last reset. */
    public int attempts() {
        return attempts;
    }
}
