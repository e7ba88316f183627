package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Zero-setup path: publisher and subscribers through the in-process broker on a free port. */
class EmbeddedBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final EventCodec codec = new EventCodec();

    @Test
    void publisherToSubscriberThroughEmbeddedBroker() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", 0)) {
            broker.start();
            broker.start();
            assertThat(broker.port()).isPositive();
            MqttConfig config = new MqttConfig("", "127.0.0.1", 0, "edgewatch", "", null, null, 1);
            List<EventSubscriber.Received> got = new CopyOnWriteArrayList<>();
            try (EventSubscriber sub = EventSubscriber.allTopics(config, broker.url(), "printer", got::add);
                 MqttPublisher pub = new MqttPublisher(config, "gatehouse", broker.url(),
                         PublisherSettings.defaults(), codec, TimeSource.system())) {
                sub.start(10_000);
                pub.start();
                EventFactory factory = EventFixtures.factory("gatehouse");
                for (int i = 0; i < 50; i++) {
                    pub.publish(factory.newEvent("cam1", EventFixtures.T0, EventFixtures.FRAME,
                            EventFixtures.person(0.8f), EventFixtures.MODEL));
                }
                await().atMost(WAIT).until(() -> events(got).size() == 50);
                assertThat(events(got).stream().map(r -> codec.decode(r.payload()).seq()).toList())
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, 50).boxed().toList());
                assertThat(got).contains(new EventSubscriber.Received("edgewatch/gatehouse/availability", "online",
                        false));
            }
        }
    }

    @Test
    void retainedAvailabilityAndCredentialsOnEmbeddedBroker() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", 0, "edge", "pw-42")) {
            broker.start();
            MqttConfig good = new MqttConfig("", "127.0.0.1", 0, "edgewatch", "", "edge", "pw-42", 1);
            MqttConfig bad = new MqttConfig("", "127.0.0.1", 0, "edgewatch", "intruder", "edge", "nope", 1);
            try (MqttPublisher pub = new MqttPublisher(good, "gatehouse", broker.url(), PublisherSettings.defaults(),
                         codec, TimeSource.system());
                 MqttPublisher intruder = new MqttPublisher(bad, "gatehouse", broker.url(),
                         PublisherSettings.defaults(), codec, TimeSource.system())) {
                pub.start();
                intruder.start();
                await().atMost(WAIT).until(() -> pub.stats().connects() == 1);
                try (MqttProbe late = MqttProbe.subscribe(broker.url(), "edgewatch/#", "edge", "pw-42")) {
                    await().atMost(WAIT).until(() -> !late.messages().isEmpty());
                    assertThat(late.messages()).containsExactly(
                            new MqttProbe.Message("edgewatch/gatehouse/availability", "online", true));
                }
                assertThatThrownBy(() -> MqttProbe.subscribe(broker.url(), "#", "edge", "nope"))
                        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
                assertThatThrownBy(() -> MqttProbe.subscribe(broker.url(), "#"))
                        .isInstanceOf(org.eclipse.paho.mqttv5.common.MqttException.class);
                assertThat(intruder.stats().connects()).isZero();
            }
        }
    }

    @Test
    void stopIsIdempotentAndPortIsOnlyKnownWhileRunning() {
        EmbeddedBroker broker = new EmbeddedBroker("127.0.0.1", 0);
        assertThatThrownBy(broker::port).hasMessageContaining("not started");
        broker.stop();
        broker.start();
        assertThat(broker.running()).isTrue();
        broker.stop();
        broker.stop();
        assertThat(broker.running()).isFalse();
        assertThatThrownBy(() -> new EmbeddedBroker("127.0.0.1", 70000)).hasMessageContaining("port");
    }

    private static List<EventSubscriber.Received> events(List<EventSubscriber.Received> all) {
        return all.stream().filter(r -> r.topic().endsWith("/events")).toList();
    }

}
