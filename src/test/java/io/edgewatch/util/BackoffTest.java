package io.edgewatch.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One backoff for camera and broker reconnects (was ingest/Backoff and publish/Backoff, two jitter policies). */
class BackoffTest {
    private static final long MS = 1_000_000L;

    @Test
    void doublesUntilTheCapWhenTheRandomIsZero() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        long[] delays = new long[7];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = b.nextDelayNanos() / MS;
        }
        assertThat(delays).containsExactly(100, 200, 400, 800, 1000, 1000, 1000);
        assertThat(b.attempts()).isEqualTo(7);
    }

    @Test
    void equalJitterKeepsEachDelayInTheUpperHalfAndSpreadsThem() {
        SplittableRandom rnd = new SplittableRandom(42);
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), rnd::nextDouble);
        long ceiling = 100 * MS;
        boolean sawShortened = false;
        for (int i = 0; i < 40; i++) {
            long d = b.nextDelayNanos();
            assertThat(d).isBetween(ceiling / 2, ceiling);
            sawShortened |= d < ceiling;
            ceiling = Math.min(2 * ceiling, 2000 * MS);
        }
        assertThat(sawShortened).as("jitter changes some delays").isTrue();
        SplittableRandom first = new SplittableRandom(1);
        Backoff fresh = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), first::nextDouble);
        long distinct = IntStream.range(0, 50).mapToLong(i -> {
            fresh.reset();
            return fresh.nextDelayNanos();
        }).distinct().count();
        assertThat(distinct).as("boxes that failed together retry at different times").isGreaterThan(10);
    }

    @Test
    void largestRandomGivesHalfTheDelay() {
        Backoff b = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(10), () -> 0.999999);
        assertThat(b.nextDelayNanos() / MS).isEqualTo(500);
    }

    @Test
    void neverOverflowsAfterManyAttempts() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(5), () -> 0.0);
        for (int i = 0; i < 5000; i++) {
            assertThat(b.nextDelay()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        }
        assertThat(b.nextDelay()).isEqualTo(Duration.ofMinutes(5));
        Backoff nanos = new Backoff(Duration.ofNanos(3), Duration.ofDays(100_000), () -> 0.0);
        long previous = 0;
        for (int i = 0; i < 200; i++) {
            long d = nanos.nextDelayNanos();
            assertThat(d).isGreaterThanOrEqualTo(previous);
            previous = d;
        }
        assertThat(previous).isEqualTo(Duration.ofDays(100_000).toNanos());
    }

    @Test
    void resetStartsOverAtTheInitialDelay() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 0.0);
        b.nextDelayNanos();
        b.nextDelayNanos();
        assertThat(b.nextDelayNanos() / MS).isEqualTo(400);
        b.reset();
        assertThat(b.attempts()).isZero();
        assertThat(b.nextDelayNanos() / MS).isEqualTo(100);
    }

    @Test
    void validatesArgumentsByName() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), () -> 0))
                .hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> 0))
                .hasMessageContaining("max");
        Backoff bad = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), () -> 1.5);
        assertThatThrownBy(bad::nextDelayNanos).hasMessageContaining("random");
    }
}
