package io.edgewatch.detect;

import io.edgewatch.util.TimeSource;
import java.util.function.LongConsumer;

/**
 * Start/end time-stamps of inferences (so a watchdog can spot a stuck detector) and the latencies of the
 * last N inferences (for metrics). Written by the detecting thread, read by any thread.
 */
public final class InferenceTiming {
    private final TimeSource time;
    private final long[] latencies;
    private volatile long lastStartNanos;
    private volatile long lastEndNanos;
    private volatile boolean running;
    private volatile LongConsumer listener = latency -> { };
    private long count;
    private int next;

    public InferenceTiming(TimeSource time, int window) {
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        if (window <= 0) {
            throw new IllegalArgumentException("latency window must be positive: " + window);
        }
        this.time = time;
        this.latencies = new long[window];
    }

    /** Marks the start of an inference and returns its time-stamp. */
    public long start() {
        long now = time.nanos();
        lastStartNanos = now;
        running = true;
        return now;
    }

    /** Marks the end of the inference begun at {@code startNanos}; returns its latency in nanoseconds. */
    public long end(long startNanos) {
        long now = time.nanos();
        long latency = now - startNanos;
        synchronized (latencies) {
            latencies[next] = latency;
            next = (next + 1) % latencies.length;
            count++;
        }
        lastEndNanos = now;
        running = false;
        listener.accept(latency);
        return latency;
    }

    /**
     * Receives every latency (nanoseconds) on the inferring thread as it is measured, e.g. to feed a metrics
     * histogram without sampling gaps. One listener; it must be cheap and must not throw.
     */
    public void onLatency(LongConsumer listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        this.listener = listener;
    }

    /** Clock value when the last inference started; 0 before the first. */
    public long lastStartNanos() { return lastStartNanos; }

    /** Clock value when the last inference finished; 0 before the first. */
    public long lastEndNanos() { return lastEndNanos; }

    /** True while an inference is in progress. */
    public boolean running() { return running; }

    /** How long the inference in progress has been running at clock value {@code nowNanos}, else 0. */
    public long runningForNanos(long nowNanos) {
        return running ? nowNanos - lastStartNanos : 0L;
    }

    /** Number of completed inferences. */
    public long count() {
        synchronized (latencies) {
            return count;
        }
    }

    /** Latencies of the last (up to N) inferences in nanoseconds, oldest first. A copy. */
    public long[] recentLatenciesNanos() {
        synchronized (latencies) {
            int n = (int) Math.min(count, latencies.length);
            long[] out = new long[n];
            int first = (next - n + latencies.length) % latencies.length;
            for (int i = 0; i < n; i++) {
                out[i] = latencies[(first + i) % latencies.length];
            }
            return out;
        }
    }
}
