package io.edgewatch.util;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff for reconnects (cameras, broker), with equal jitter: the n-th delay is drawn from
 * (d/2, d] where d = min(max, initial * 2^n).
 *
 * <p>Why equal jitter and not full jitter ([0, d]): both spread boxes or cameras that failed together so they do
 * not retry in lock-step, but full jitter can pick a near-zero pause and hammer a broker or camera that is still
 * down; equal jitter keeps at least half of the schedule as a floor, and a delay never exceeds the cap.
 *
 * <p>Not thread-safe: the thread that reconnects owns one.
 */
public final class Backoff {
    private static final int MAX_DOUBLINGS = 62;

    private final long initialNanos;
    private final long maxNanos;
    private final DoubleSupplier random;
    private int attempts;

    /**
     * @param random uniform values in [0, 1), e.g. {@code ThreadLocalRandom.current()::nextDouble}; injected so
     *               tests are deterministic (0 gives the full delay d, values near 1 give d/2)
     */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial delay must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max delay must be >= initial delay: " + max);
        }
        this.initialNanos = initial.toNanos();
        this.maxNanos = max.toNanos();
    }

    /** The delay before the next attempt; each call counts one attempt. */
    public long nextDelayNanos() {
        long ceiling = ceilingNanos(attempts);
        if (attempts < Integer.MAX_VALUE) {
            attempts++;
        }
        double r = random.getAsDouble();
        if (!(r >= 0.0 && r < 1.0)) {
            throw new IllegalStateException("random must return values in [0, 1): " + r);
        }
        return Math.max(1L, ceiling - (long) (ceiling / 2.0 * r));
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

    private long ceilingNanos(int n) {
        if (n >= MAX_DOUBLINGS || initialNanos > (maxNanos >> Math.min(n, MAX_DOUBLINGS))) {
            return maxNanos;
        }
        return Math.min(maxNanos, initialNanos << n);
    }
}
