package io.edgewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.PublisherSettings;
import io.edgewatch.testing.Mosquitto;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every PUBACK from a real broker lands in the publish latency histogram, measured from the outbox write. */
class PublishLatencyIT {
    @Test
    void eachAcknowledgedEventIsTimedFromItsOutboxWrite() {
        try (Mosquitto broker = Mosquitto.start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            MqttConfig config = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "lat-pub", null, null, 1);
            try (MqttPublisher p = new MqttPublisher(config, "gate", broker.url(), PublisherSettings.defaults(),
                    new EventCodec(), io.edgewatch.util.TimeSource.system())) {
                new PublishMetrics(p).bindTo(registry);
                EventFactory f = EventFixtures.factory("gate");
                for (int i = 0; i < 5; i++) {
                    p.publish(f.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                            EventFixtures.MODEL));
                }
                long startedMs = System.currentTimeMillis();
                p.start();   // written before the first connect: each waits at least until then
                Timer latency = registry.get(Metric.MQTT_PUBLISH_LATENCY.meterName()).timer();
                await().atMost(Duration.ofSeconds(15)).until(() -> latency.count() == 5);
                long waitedMs = System.currentTimeMillis() - startedMs;
                assertThat(latency.max(TimeUnit.MILLISECONDS)).isNotNegative().isLessThan(waitedMs + 1000.0);
                // published counts deleted rows: one publisher-loop turn after the PUBACK
                await().atMost(Duration.ofSeconds(5)).until(() -> p.stats().published() == 5);
                assertThat(registry.get(Metric.OUTBOX_OLDEST_AGE.meterName()).gauge().value()).isZero();
            }
        }
    }
}
