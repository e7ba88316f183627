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
        for (HandoffDrop reason : HandoffDrop.values()) {
            Meters.counter(registry, Metric.MQTT_HANDOFF_DROPPED, p, x -> x.stats().handoffDropped(reason),
                    "reason", reason.tag());
        }
    }
}
