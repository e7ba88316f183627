package io.edgewatch.metrics;

import io.edgewatch.publish.HandoffDrop;
import io.edgewatch.publish.MqttPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/** MQTT connection and event counters from {@link MqttPublisher#stats()}. */
public final class PublishMetrics implements MeterBinder {
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
        bindOutbox(registry, p);
        for (HandoffDrop reason : HandoffDrop.values()) {
            Meters.counter(registry, Metric.MQTT_HANDOFF_DROPPED, p, x -> x.stats().handoffDropped(reason),
                    "reason", reason.tag());
        }
    }

    /** Outbox storage faults: drops by reason, events held in memory, deletes waiting for a writable file. */
    private static void bindOutbox(MeterRegistry registry, MqttPublisher p) {
        Meters.counter(registry, Metric.OUTBOX_DROPPED, p, x -> x.outboxStats().droppedFull(), "reason", "full");
        Meters.counter(registry, Metric.OUTBOX_DROPPED, p, x -> x.outboxStats().droppedExpired(), "reason",
                "expired");
        Meters.counter(registry, Metric.OUTBOX_DROPPED, p, x -> x.outboxStats().droppedWriteError(), "reason",
                "write_error");
        Meters.counter(registry, Metric.OUTBOX_DROPPED, p, x -> x.outboxStats().droppedNoSpace(), "reason",
                "no_space");
        Meters.gauge(registry, Metric.OUTBOX_SPILLED, p, x -> x.outboxStats().spilled());
        Meters.gauge(registry, Metric.OUTBOX_PENDING_DELETES, p, x -> x.outboxStats().pendingDeletes());
    }
}
