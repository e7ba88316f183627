package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Delivered rows leave the outbox in batches (one delete per {@link OutboxSender#ACK_BATCH} acks or per
 * {@link OutboxSender#ACK_FLUSH_NANOS}), not one delete per event; a real mosquitto acknowledges, the publisher's
 * clock is frozen so only the test moves it.
 */
class AckBatchIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void acknowledgedRowsAreDeletedByTimeOrByCountNotOneByOne() throws Exception {
        try (Mosquitto broker = Mosquitto.start();
             MqttProbe probe = MqttProbe.subscribe(broker.url(), "edgewatch/gatehouse/+/events")) {
            FakeTime time = new FakeTime();
            Outbox outbox = Outbox.inMemory(new OutboxLimits(100, Duration.ofHours(1)), time);
            MqttConfig config = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "", null, null, 1);
            MqttPublisher p = new MqttPublisher(config, "gatehouse", new RecordingClient(broker.url(), "ack-batch"),
                    PublisherSettings.defaults(), new EventCodec(), time, outbox);
            p.start();
            await().atMost(WAIT).until(() -> p.stats().connected());
            EventFactory events = EventFixtures.factory("gatehouse");

            for (int i = 0; i < 5; i++) {
                p.publish(events.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                        EventFixtures.MODEL));
            }
            await().atMost(WAIT).until(() -> probe.messages().size() == 5);
            Thread.sleep(300); // several publisher rounds: fewer acks than a batch and the clock has not moved
            assertThat(outbox.size()).as("acknowledged, not yet deleted").isEqualTo(5);
            time.advanceNanos(OutboxSender.ACK_FLUSH_NANOS);
            await().atMost(WAIT).until(() -> outbox.size() == 0);

            for (int i = 0; i < OutboxSender.ACK_BATCH; i++) {
                p.publish(events.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                        EventFixtures.MODEL));
            }
            // a full batch of acks is deleted without the clock moving
            await().atMost(WAIT).until(() -> outbox.size() == 0);
            assertThat(probe.messages()).hasSize(5 + OutboxSender.ACK_BATCH);
            assertThat(outbox.stats().delivered()).isEqualTo(5 + OutboxSender.ACK_BATCH);
            p.close();
        }
    }
}
