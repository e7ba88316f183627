package io.edgewatch.publish;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with "equal jitter": the n-th delay is uniformly drawn from [d/2, d] where
 * d = min(max, min * 2^n). Jitter keeps a fleet of boxes from reconnecting to a restarted broker in lock step.
 * Not thread-safe; owned by the publisher thread.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private int attempt;

    Backoff(Duration min, Duration max, RandomGenerator random) {
        if (min.isNegative() || min.isZero()) {
            throw new IllegalArgumentException("reconnect min delay must be positive: " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("reconnect max delay must be >= min delay: " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    long nextDelayMillis() {
        long ceiling = minMillis << Math.min(attempt, 30);
        if (ceiling <= 0 || ceiling > maxMillis) {
            ceiling = maxMillis;
        }
        attempt++;
        long half = ceiling / 2;
        return half + random.nextLong(ceiling - half + 1);
    }

    void reset() {
        attempt = 0;
    }
}
