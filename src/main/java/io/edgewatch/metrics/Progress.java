package io.edgewatch.metrics;

import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Watches a counter that a healthy loop keeps moving (e.g. the detect loop's served + skipped slots) and says
 * whether it moved within the last {@code window}. Every call samples the counter, so anyone asking (the /health
 * handler, the systemd watchdog, a gauge) keeps it current; the start counts as a move (grace period).
 */
public final class Progress {
    private final LongSupplier counter;
    private final TimeSource time;
    private final long windowNanos;
    private long lastValue;
    private long lastMoveNanos;

    public Progress(LongSupplier counter, TimeSource time, Duration window) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.time = Objects.requireNonNull(time, "time");
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        this.windowNanos = window.toNanos();
        this.lastValue = counter.getAsLong();
        this.lastMoveNanos = time.nanos();
    }

    /** True if the counter moved within the window. */
    public synchronized boolean progressing() {
        return sinceLastMoveNanos() <= windowNanos;
    }

    /** Nanoseconds since the counter last moved (or since this was created). */
    public synchronized long sinceLastMoveNanos() {
        long now = time.nanos();
        long value = counter.getAsLong();
        if (value != lastValue) {
            lastValue = value;
            lastMoveNanos = now;
        }
        return now - lastMoveNanos;
    }

    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }
}
