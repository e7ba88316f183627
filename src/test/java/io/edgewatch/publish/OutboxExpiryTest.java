package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The age limit applies while the broker is unreachable (that is when the outbox grows). */
class OutboxExpiryTest {
    @Test
    void eventsExpireWhileDisconnected() {
        String url = "tcp://127.0.0.1:1";
        MqttConfig config = new MqttConfig(url, "127.0.0.1", 0, "edgewatch", "", null, null, 1);
        Outbox outbox = Outbox.inMemory(new OutboxLimits(100, Duration.ofMillis(300)), TimeSource.system());
        try (MqttPublisher p = new MqttPublisher(config, "gatehouse", url,
                PublisherSettings.defaults().withReconnect(Duration.ofMillis(100), Duration.ofMillis(200)),
                new EventCodec(), TimeSource.system(), outbox)) {
            EventFactory f = EventFixtures.factory("gatehouse");
            for (int i = 0; i < 5; i++) {
                p.publish(f.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                        EventFixtures.MODEL));
            }
            p.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> p.outboxStats().droppedExpired() == 5);
            assertThat(p.stats().queued()).isZero();
            assertThat(p.stats().dropped()).isEqualTo(5);
            assertThat(p.stats().connects()).isZero();
            assertThat(p.connectFailures()).isPositive();
        }
    }
}
