package io.edgewatch.metrics;

import io.edgewatch.testing.FakeTime;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.outbox.OutboxStats;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.PublisherSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Outbox health as the metrics show it while the broker is away: depth, age of the oldest event, drops. */
class PublishMetricsTest {
    /** Counters of OutboxStats that are not drops. */
    private static final Set<String> NOT_DROPS = Set.of("stored", "bytes", "written", "delivered", "spilled",
            "pendingDeletes", "writeFailures", "diskOk");

    @Test
    void oldestAgeDepthAndFullDropsWhileTheBrokerIsAway() {
        FakeTime clock = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));
        String url = "tcp://127.0.0.1:1";
        Outbox outbox = Outbox.inMemory(new OutboxLimits(2, Duration.ofHours(1)), clock);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MqttPublisher p = new MqttPublisher(new MqttConfig(url, "127.0.0.1", 0, "edgewatch", "", null, null, 1),
                "gate", url, PublisherSettings.defaults(), new EventCodec(), clock, outbox)) {
            new PublishMetrics(p).bindTo(registry);
            assertThat(gauge(registry, Metric.OUTBOX_OLDEST_AGE)).isZero();
            EventFactory f = EventFixtures.factory("gate");
            for (int i = 0; i < 3; i++) {
                p.publish(f.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                        EventFixtures.MODEL));
                clock.advance(Duration.ofSeconds(30));
            }
            // rows written at +30 s and +60 s survive; the one of +0 s was dropped when the third came
            assertThat(gauge(registry, Metric.OUTBOX_OLDEST_AGE)).isEqualTo(60.0);
            assertThat(gauge(registry, Metric.MQTT_QUEUE_DEPTH)).isEqualTo(2.0);
            assertThat(registry.get(Metric.OUTBOX_DROPPED.meterName()).tag("reason", "full").functionCounter()
                    .count()).isEqualTo(1.0);
            assertThat(registry.get(Metric.OUTBOX_DROPPED.meterName()).tag("reason", "expired").functionCounter()
                    .count()).isZero();
            assertThat(registry.get(Metric.MQTT_PUBLISH_LATENCY.meterName()).timer().count()).isZero();
        }
        assertThat(gauge(registry, Metric.OUTBOX_OLDEST_AGE)).as("after close").isZero();
    }

    @Test
    void everyDropCounterOfTheOutboxHasAReason() throws Exception {
        RecordComponent[] parts = OutboxStats.class.getRecordComponents();
        Object[] values = new Object[parts.length];
        Set<Long> drops = new TreeSet<>();
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            types.add(parts[i].getType());
            long v = 1000 + i;   // distinct per component
            Class<?> t = parts[i].getType();
            values[i] = t == boolean.class ? (Object) Boolean.TRUE : t == int.class ? (Object) (int) v : (Object) v;
            if (!NOT_DROPS.contains(parts[i].getName())) {
                drops.add(v);
            }
        }
        OutboxStats stats = OutboxStats.class.getDeclaredConstructor(types.toArray(Class<?>[]::new))
                .newInstance(values);
        Set<Long> mapped = new TreeSet<>();
        PublishMetrics.OUTBOX_DROPS.values().forEach(f -> mapped.add(f.applyAsLong(stats)));
        assertThat(mapped).as("OutboxStats drop counters exposed by reason").isEqualTo(drops);
    }

    private static double gauge(SimpleMeterRegistry registry, Metric metric) {
        return registry.get(metric.meterName()).gauge().value();
    }
}
