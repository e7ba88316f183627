package io.edgewatch.util;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.testing.FakeTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Restart with backoff, counting, giving up after a bound; time is fake, so the backoff pauses cost nothing. */
class SupervisorTest {
    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);

    private Supervisor supervise(Runnable task) {
        return new Supervisor("detect", task, time, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8),
                () -> 0.0), Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    @Test
    void anInjectedFaultRestartsTheTaskAndIsCounted() {
        AtomicInteger runs = new AtomicInteger();
        Supervisor s = supervise(() -> {
            if (runs.incrementAndGet() <= 2) {
                throw new IllegalStateException("injected fault " + runs.get());
            }
        });
        s.run();
        assertThat(runs).hasValue(3);
        assertThat(s.restarts()).isEqualTo(2);
        assertThat(s.failed()).isFalse();
        assertThat(time.sleeps()).isEqualTo(2);
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(3).toNanos()); // 1 s, then 2 s
    }

    @Test
    void aFaultThatNeverHealsMarksItFailedAfterTheBound() {
        AtomicInteger runs = new AtomicInteger();
        long start = time.nanos();
        Supervisor s = supervise(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException("disk gone");
        });
        s.run();   // returns: it gave up
        assertThat(s.failed()).isTrue();
        assertThat(time.nanos() - start).isGreaterThan(Duration.ofMinutes(5).toNanos())
                .isLessThan(Duration.ofMinutes(6).toNanos());
        // 1+2+4 s, then 8 s apart: about 40 restarts in 5 minutes, not a busy loop
        assertThat(s.restarts()).isBetween(35L, 45L);
        assertThat(runs.get()).isEqualTo((int) s.restarts() + 1);
    }

    @Test
    void failuresFarApartStartAFreshStreakAndNeverGiveUp() {
        AtomicInteger runs = new AtomicInteger();
        Supervisor s = supervise(() -> {
            if (runs.incrementAndGet() <= 10) {
                time.advance(Duration.ofMinutes(11));   // ran fine for longer than stableAfter, then failed
                throw new IllegalStateException("rare fault");
            }
        });
        s.run();
        assertThat(s.failed()).isFalse();
        assertThat(s.restarts()).isEqualTo(10);
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(10).toNanos()); // backoff reset each time: 1 s
    }

    @Test
    void anErrorIsNotRetriedAndMarksItFailed() {
        Supervisor s = supervise(() -> {
            throw new OutOfMemoryError("injected");
        });
        try {
            s.run();
        } catch (OutOfMemoryError expected) {
            // escapes to the thread's uncaught-exception handler
        }
        assertThat(s.failed()).isTrue();
        assertThat(s.restarts()).isZero();
    }

    @Test
    void afterStopAFaultIsNotRestartedNorAFailure() {
        AtomicInteger runs = new AtomicInteger();
        Supervisor[] s = new Supervisor[1];
        s[0] = supervise(() -> {
            runs.incrementAndGet();
            s[0].stop();
            throw new IllegalStateException("during shutdown");
        });
        s[0].run();
        assertThat(runs).hasValue(1);
        assertThat(s[0].failed()).isFalse();
        assertThat(s[0].restarts()).isZero();
    }
}
