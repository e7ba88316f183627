package io.edgewatch.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Time as the ingest stage sees it, injected so tests can fake pacing and backoff waits. */
public interface Ticker {
    /** Monotonic nanoseconds. */
    long nanos();

    /** Wall-clock time for frame timestamps. */
    Instant now();

    /** Waits; an interrupt (from {@code close()}) ends the wait early. */
    void sleepNanos(long nanos) throws InterruptedException;

    static Ticker system() {
        return of(Clock.systemUTC());
    }

    /** Real monotonic time and real sleeps, wall time from {@code clock}. */
    static Ticker of(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public Instant now() {
                return clock.instant();
            }

            @Override
            public void sleepNanos(long nanos) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };
    }
}
