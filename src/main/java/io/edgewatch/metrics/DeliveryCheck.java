package io.edgewatch.metrics;

import io.edgewatch.publish.PublisherStats;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Whether delivery is wedged: events are waiting while the broker is connected and none was delivered for longer
 * than the bound. A broker that is away is not a reason to restart (readiness says so); a connected publisher that
 * delivers nothing is. Every call samples the stats, like {@link Progress}.
 */
public final class DeliveryCheck {
    private final Supplier<PublisherStats> stats;
    private final TimeSource time;
    private final long boundNanos;
    private long lastDelivered = -1;
    private long okSince;

    public DeliveryCheck(Supplier<PublisherStats> stats, TimeSource time, Duration bound) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.time = Objects.requireNonNull(time, "time");
        if (bound == null || bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        this.boundNanos = bound.toNanos();
        this.okSince = time.nanos();
    }

    /** True while events wait on a live connection and none was delivered within the bound. */
    public synchronized boolean stalled() {
        return stalledNanos() > boundNanos;
    }

    /** How long events have been waiting on a live connection without a delivery (0 if not). */
    public synchronized long stalledNanos() {
        PublisherStats s = stats.get();
        long now = time.nanos();
        long delivered = s.published() + s.failed();
        if (!s.connected() || s.queued() == 0 || delivered != lastDelivered) {
            lastDelivered = delivered;
            okSince = now;
        }
        return now - okSince;
    }

    public Duration bound() {
        return Duration.ofNanos(boundNanos);
    }
}
