package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesWithJitterUpToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000), new SplittableRandom(7));
        long[] ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
        for (long ceiling : ceilings) {
            assertThat(b.nextDelayMillis()).isBetween(ceiling / 2, ceiling);
        }
        b.reset();
        assertThat(b.nextDelayMillis()).isBetween(50L, 100L);
    }

    @Test
    void jitterSpreadsDelays() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), new SplittableRandom(1));
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> {
            b.reset();
            return b.nextDelayMillis();
        }).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void manyAttemptsDoNotOverflow() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new SplittableRandom(3));
        for (int i = 0; i < 200; i++) {
            assertThat(b.nextDelayMillis()).isBetween(500L, 300_000L);
        }
    }

    @Test
    void rejectsBadBounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
                .hasMessageContaining("min");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
                .hasMessageContaining("max");
    }
}
