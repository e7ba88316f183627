package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.testing.FakeTime;
import org.junit.jupiter.api.Test;

class InferenceTimingTest {
    private final FakeTime time = FakeTime.atNanos(1_000);
    private final InferenceTiming timing = new InferenceTiming(time, 3);

    @Test
    void stampsStartAndEndAndShowsARunningInference() {
        assertThat(timing.running()).isFalse();
        long start = timing.start();
        time.advanceNanos(500);
        assertThat(timing.running()).isTrue();
        assertThat(timing.lastStartNanos()).isEqualTo(1_000);
        assertThat(timing.runningForNanos(time.nanos())).isEqualTo(500);
        assertThat(timing.end(start)).isEqualTo(500);
        assertThat(timing.running()).isFalse();
        assertThat(timing.lastEndNanos()).isEqualTo(1_500);
        assertThat(timing.runningForNanos(time.nanos() + 1_000)).isZero();
    }

    @Test
    void keepsTheLastNLatenciesOldestFirst() {
        for (long latency : new long[] {10, 20, 30, 40, 50}) {
            long start = timing.start();
            time.advanceNanos(latency);
            timing.end(start);
        }
        assertThat(timing.recentLatenciesNanos()).containsExactly(30, 40, 50);
        assertThat(timing.count()).isEqualTo(5);
    }

    @Test
    void emptyBeforeTheFirstInference() {
        assertThat(timing.recentLatenciesNanos()).isEmpty();
        assertThatThrownBy(() -> new InferenceTiming(time, 0)).hasMessageContaining("window");
    }
}
