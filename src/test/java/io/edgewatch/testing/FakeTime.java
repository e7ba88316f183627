package io.edgewatch.testing;

import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fake time for tests: sleeping advances the clock at once, so pacing, backoff and expiry run without real waits.
 * Wall time moves with the monotonic clock from a fixed start. Thread-safe.
 */
public final class FakeTime implements TimeSource {
    private static final Instant DEFAULT_START = Instant.parse("2023-11-14T22:13:20Z");

    private final Instant wallStart;
    private final AtomicLong nanos;
    private final long startNanos;
    private final AtomicLong slept = new AtomicLong();
    private final AtomicLong sleeps = new AtomicLong();
    private final AtomicLong wallStepNanos = new AtomicLong();

    public FakeTime() {
        this(DEFAULT_START);
    }

    public FakeTime(Instant wallStart) {
        this(wallStart, 1_000_000_000L);
    }

    private FakeTime(Instant wallStart, long startNanos) {
        this.wallStart = wallStart;
        this.startNanos = startNanos;
        this.nanos = new AtomicLong(startNanos);
    }

    /** Fake time whose monotonic clock starts at {@code startNanos}. */
    public static FakeTime atNanos(long startNanos) {
        return new FakeTime(DEFAULT_START, startNanos);
    }

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return wallStart.plusNanos(nanos.get() - startNanos + wallStepNanos.get());
    }

    @Override
    public void sleepNanos(long n) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.incrementAndGet();
        slept.addAndGet(n);
        nanos.addAndGet(n);
        Thread.yield();
    }

    /** Moves time forward without counting a sleep. */
    public void advance(Duration d) {
        advanceNanos(d.toNanos());
    }

    public void advanceNanos(long n) {
        nanos.addAndGet(n);
    }

    /** Sets the monotonic clock, e.g. to replay a clip from its start; may go backwards. */
    public void setNanos(long n) {
        nanos.set(n);
    }

    /** Steps the wall clock only (an NTP correction); the monotonic clock does not move. */
    public void stepWall(Duration d) {
        wallStepNanos.addAndGet(d.toNanos());
    }

    /** Total nanoseconds slept. */
    public long slept() {
        return slept.get();
    }

    /** Number of sleeps. */
    public long sleeps() {
        return sleeps.get();
    }
}
