package io.edgewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.testing.FakeTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final AtomicLong counter = new AtomicLong();
    private final FakeTime time = FakeTime.atNanos(5_000_000_000L);
    private final Progress progress = new Progress(counter::get, time, Duration.ofSeconds(20));

    @Test
    void startCountsAsProgressForOneWindow() {
        time.advanceNanos(Duration.ofSeconds(20).toNanos());
        assertThat(progress.progressing()).isTrue();
        time.advanceNanos(1);
        assertThat(progress.progressing()).isFalse();
    }

    @Test
    void aMovingCounterKeepsItAliveAndAStopLetsItLapse() {
        for (int i = 0; i < 10; i++) {
            time.advanceNanos(Duration.ofSeconds(15).toNanos());
            counter.incrementAndGet();
            assertThat(progress.progressing()).as("pass " + i).isTrue();
        }
        time.advanceNanos(Duration.ofSeconds(19).toNanos());
        assertThat(progress.progressing()).isTrue();
        assertThat(progress.sinceLastMoveNanos()).isEqualTo(Duration.ofSeconds(19).toNanos());
        time.advanceNanos(Duration.ofSeconds(2).toNanos());
        assertThat(progress.progressing()).isFalse();
        counter.incrementAndGet();
        assertThat(progress.progressing()).as("moves again").isTrue();
    }

    @Test
    void windowMustBePositive() {
        assertThatThrownBy(() -> new Progress(counter::get, time, Duration.ZERO))
                .hasMessageContaining("window must be positive");
    }
}
