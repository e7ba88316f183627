package io.edgewatch.util;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The one injectable time type of the daemon (DESIGN.md §6.5): monotonic nanoseconds for intervals and pacing,
 * wall time for time-stamps that leave the box, and sleeping, so a test fake can make waits instant. Logic never
 * reads {@code System.nanoTime()} or {@code Instant.now()} itself.
 */
public interface TimeSource {
    /** Monotonic nanoseconds; only differences mean anything. */
    long nanos();

    /** Wall-clock time (UTC) for time-stamps. */
    Instant now();

    /** Wall-clock milliseconds since the epoch. */
    default long millis() {
        return now().toEpochMilli();
    }

    /** Waits; an interrupt ends the wait early with InterruptedException. */
    void sleepNanos(long nanos) throws InterruptedException;

    /** Real time: {@code System.nanoTime()}, the system UTC clock, real sleeps. */
    static TimeSource system() {
        return SystemTime.INSTANCE;
    }

    /**
     * Real monotonic time and sleeps, with wall time derived from the monotonic clock (one anchor taken now), so
     * two wall time-stamps differ by a true interval even when NTP steps the system clock.
     */
    static TimeSource monotonicWall() {
        Instant anchor = Instant.now();
        long anchorNanos = System.nanoTime();
        return new SystemTime() {
            @Override
            public Instant now() {
                return anchor.plusNanos(System.nanoTime() - anchorNanos);
            }
        };
    }

    /** The real clock; a class so {@link #monotonicWall()} can reuse it. */
    class SystemTime implements TimeSource {
        private static final SystemTime INSTANCE = new SystemTime();

        SystemTime() {}

        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
