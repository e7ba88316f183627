package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long MS = 1_000_000L;

    @Test
    void growsExponentiallyUntilTheCapWithoutJitter() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.3, () -> 0.0);
        long[] delays = new long[7];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = b.nextDelayNanos() / MS;
        }
        assertThat(delays).containsExactly(100, 200, 400, 800, 1000, 1000, 1000);
        assertThat(b.attempts()).isEqualTo(7);
    }

    @Test
    void jitterOnlyShortensAndStaysWithinTheFraction() {
        SplittableRandom rnd = new SplittableRandom(42);
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.25, rnd::nextDouble);
        long base = 100 * MS;
        boolean sawShortened = false;
        for (int i = 0; i < 40; i++) {
            long d = b.nextDelayNanos();
            assertThat(d).isBetween((long) (base * 0.75) - 1, base);
            sawShortened |= d < base;
            base = Math.min(2 * base, 2000 * MS);
        }
        assertThat(sawShortened).as("jitter changes some delays").isTrue();
    }

    @Test
    void largestRandomGivesTheSmallestDelay() {
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), 2.0, 0.5, () -> 0.999999);
        assertThat(b.nextDelayNanos() / MS).isEqualTo(500);
    }

    @Test
    void neverOverflowsAfterManyAttempts() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(5), 3.0, 0.0, () -> 0.5);
        for (int i = 0; i < 5000; i++) {
            assertThat(b.nextDelay()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
        assertThat(b.nextDelay()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void resetStartsOverAtTheInitialDelay() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0, () -> 0.0);
        b.nextDelayNanos();
        b.nextDelayNanos();
        assertThat(b.nextDelayNanos() / MS).isEqualTo(400);
        b.reset();
        assertThat(b.attempts()).isZero();
        assertThat(b.nextDelayNanos() / MS).isEqualTo(100);
    }

    @Test
    void validatesArgumentsByName() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0, () -> 0))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0, () -> 0))
                .hasMessageContaining("max");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0, () -> 0))
                .hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.0, () -> 0))
                .hasMessageContaining("jitter");
        Backoff bad = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 0.1, () -> 1.5);
        assertThatThrownBy(bad::nextDelayNanos).hasMessageContaining("random");
    }
}
