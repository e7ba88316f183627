package io.edgewatch.metrics;

import io.edgewatch.publish.HandoffDrop;
import io.edgewatch.publish.MqttPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.edgewatch.outbox.OutboxStats;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/** MQTT connection and event counters from {@link MqttPublisher#stats()}, publish latency and outbox health. */
public final class PublishMetrics implements MeterBinder {
    /**
     * Outbox drop reasons (tag value) and where {@link OutboxStats} counts them; every drop counter of OutboxStats
     * must be listed here (PublishMetricsTest checks the record's components).
     */
    static final Map<String, ToLongFunction<OutboxStats>> OUTBOX_DROPS = Map.of(
            "full", OutboxStats::droppedFull,
            "expired", OutboxStats::droppedExpired,
            "write_error", OutboxStats::droppedWriteError,
            "no_space", OutboxStats::droppedNoSpace);
    /** Events replayed after a long outage are acknowledged hours late: keep them in the histogram's range. */
    private static final Duration LATENCY_MAX = Duration.ofHours(1);

    private final MqttPublisher publisher;

    public PublishMetrics(MqttPublisher publisher) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        MqttPublisher p = publisher;
        Meters.gauge(registry, Metric.MQTT_CONNECTED, p, x -> x.stats().connected() ? 1 : 0);
        Meters.counter(registry, Metric.MQTT_CONNECTS, p, x -> x.stats().connects());
        Meters.gauge(registry, Metric.MQTT_QUEUE_DEPTH, p, x -> x.stats().queued());
        Meters.counter(registry, Metric.MQTT_EVENTS_ACCEPTED, p, x -> x.stats().accepted());
        Meters.counter(registry, Metric.MQTT_EVENTS_PUBLISHED, p, x -> x.stats().published());
        Meters.counter(registry, Metric.MQTT_EVENTS_DROPPED, p, x -> x.stats().dropped());
        Meters.counter(registry, Metric.MQTT_EVENTS_FAILED, p, x -> x.stats().failed());
        Meters.gauge(registry, Metric.OUTBOX_OLDEST_AGE, p, x -> x.oldestWaitingMillis() / 1000.0);
        OUTBOX_DROPS.forEach((reason, count) -> Meters.counter(registry, Metric.OUTBOX_DROPPED, p,
                x -> count.applyAsLong(x.outboxStats()), "reason", reason));
        var latency = Meters.timer(registry, Metric.MQTT_PUBLISH_LATENCY, LATENCY_MAX);
        p.onDelivered(millis -> latency.record(millis, TimeUnit.MILLISECONDS));
        bindOutbox(registry, p);
        for (HandoffDrop reason : HandoffDrop.values()) {
            Meters.counter(registry, Metric.MQTT_HANDOFF_DROPPED, p, x -> x.stats().handoffDropped(reason),
                    "reason", reason.tag());
        }
    }

    /** Outbox storage faults: events held in memory, deletes waiting for a writable file. */
    private static void bindOutbox(MeterRegistry registry, MqttPublisher p) {
        Meters.gauge(registry, Metric.OUTBOX_SPILLED, p, x -> x.outboxStats().spilled());
        Meters.gauge(registry, Metric.OUTBOX_PENDING_DELETES, p, x -> x.outboxStats().pendingDeletes());
    }
}
