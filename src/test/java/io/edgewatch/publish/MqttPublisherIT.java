package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Publisher against a real mosquitto started by the test harness. */
class MqttPublisherIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AVAILABILITY = "edgewatch/gatehouse/availability";
    private final EventCodec codec = new EventCodec();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Mosquitto broker;

    @BeforeEach
    void startBroker() {
        broker = Mosquitto.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        broker.close();
    }

    @Test
    void subscriberReceivesEveryEventInOrderWithCorrectJson() throws Exception {
        MqttProbe probe = track(MqttProbe.subscribe(broker.url(), "edgewatch/#"));
        MqttPublisher publisher = track(publisher(broker.url(), null, null));
        publisher.start();
        EventFactory factory = EventFixtures.factory("gatehouse");
        List<DetectionEvent> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String camera = i % 3 == 0 ? "yard" : "front_door";
            DetectionEvent e = factory.newEvent(camera, EventFixtures.T0.plusMillis(i), EventFixtures.FRAME,
                    EventFixtures.person(0.5f + i / 1000f), EventFixtures.MODEL);
            sent.add(e);
            assertThat(publisher.publish(e)).isTrue();
        }
        await().atMost(WAIT).until(() -> probe.on("edgewatch/gatehouse/front_door/events").size() == 200
                && probe.on("edgewatch/gatehouse/yard/events").size() == 100);
        for (String camera : List.of("front_door", "yard")) {
            List<DetectionEvent> got = probe.payloadsOn("edgewatch/gatehouse/" + camera + "/events").stream()
                    .map(codec::decode).toList();
            List<DetectionEvent> expected = sent.stream().filter(e -> e.camera().equals(camera)).toList();
            assertThat(got).extracting(DetectionEvent::seq)
                    .containsExactlyElementsOf(expected.stream().map(DetectionEvent::seq).toList());
            for (int i = 0; i < got.size(); i++) {
                // identical except the publisher's send-time stamp
                assertThat(got.get(i)).isEqualTo(expected.get(i).withPublishedTime(got.get(i).publishedTime()));
                assertThat(got.get(i).publishedTime()).isAfterOrEqualTo(expected.get(i).frameTime());
            }
        }
        // rows are deleted (and counted) by the publisher thread shortly after their PUBACK
        await().atMost(WAIT).until(() -> publisher.stats().published() == 300);
        assertThat(publisher.stats().dropped()).isZero();
        assertThat(probe.payloadsOn(AVAILABILITY)).containsExactly("online");
    }

    @Test
    void availabilityIsRetainedOnlineThenOfflineAfterClose() throws Exception {
        MqttPublisher publisher = publisher(broker.url(), null, null);
        publisher.start();
        await().atMost(WAIT).until(() -> publisher.stats().connects() == 1);
        MqttProbe late = track(MqttProbe.subscribe(broker.url(), AVAILABILITY));
        await().atMost(WAIT).until(() -> !late.messages().isEmpty());
        assertThat(late.messages()).containsExactly(new MqttProbe.Message(AVAILABILITY, "online", true));

        publisher.close();
        publisher.close();
        await().atMost(WAIT).until(() -> late.messages().size() == 2);
        assertThat(late.messages().get(1).payload()).isEqualTo("offline");
        MqttProbe after = track(MqttProbe.subscribe(broker.url(), AVAILABILITY));
        await().atMost(WAIT).until(() -> !after.messages().isEmpty());
        assertThat(after.messages()).containsExactly(new MqttProbe.Message(AVAILABILITY, "offline", true));
        assertThat(publisher.publish(EventFixtures.sample())).isFalse();
    }

    @Test
    void lastWillSaysOfflineWhenThePublisherProcessIsKilled() throws Exception {
        MqttProbe probe = track(MqttProbe.subscribe(broker.url(), AVAILABILITY));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                PublisherMain.class.getName(), broker.url(), "gatehouse")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            await().atMost(WAIT).until(() -> probe.payloadsOn(AVAILABILITY).contains("online"));
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(WAIT).until(() -> probe.payloadsOn(AVAILABILITY).size() == 2);
            assertThat(probe.payloadsOn(AVAILABILITY)).containsExactly("online", "offline");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void reconnectsAfterBrokerRestartAndDeliversQueuedEvents() throws Exception {
        // A persistent broker and session: the publisher may reconnect and deliver before any new subscriber is up.
        broker.close();
        broker = Mosquitto.startPersistent();
        MqttProbe probe = track(MqttProbe.durable(broker.url(), "edgewatch/gatehouse/yard/events"));
        MqttPublisher publisher = track(publisher(broker.url(), null, null));
        publisher.start();
        await().atMost(WAIT).until(() -> publisher.stats().connected());
        broker.stop();
        await().atMost(WAIT).until(() -> !publisher.stats().connected());
        EventFactory factory = EventFixtures.factory("gatehouse");
        for (int i = 0; i < 5; i++) {
            publisher.publish(factory.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME,
                    EventFixtures.person(0.9f), EventFixtures.MODEL));
        }
        broker.restart();
        probe.reconnect();
        await().atMost(WAIT).until(() -> probe.on("edgewatch/gatehouse/yard/events").size() == 5);
        assertThat(probe.payloadsOn("edgewatch/gatehouse/yard/events").stream().map(codec::decode)
                .map(DetectionEvent::seq)).containsExactly(1L, 2L, 3L, 4L, 5L);
        MqttProbe late = track(MqttProbe.subscribe(broker.url(), AVAILABILITY));
        await().atMost(WAIT).until(() -> !late.messages().isEmpty());
        assertThat(late.payloadsOn(AVAILABILITY)).containsExactly("online");
        assertThat(publisher.stats().connects()).isEqualTo(2);
    }

    @Test
    void brokerCrashMidStreamNeitherStallsNorLosesCount() throws Exception {
        MqttPublisher publisher = track(publisher(broker.url(), null, null));
        publisher.start();
        await().atMost(WAIT).until(() -> publisher.stats().connected());
        EventFactory factory = EventFixtures.factory("gatehouse");
        for (int i = 0; i < 3000; i++) {
            publisher.publish(factory.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME,
                    EventFixtures.person(0.9f), EventFixtures.MODEL));
            if (i == 1500) {
                broker.kill();
            }
        }
        broker.restart();
        MqttProbe probe = track(MqttProbe.subscribe(broker.url(), "edgewatch/gatehouse/yard/events"));
        await().atMost(WAIT).until(() -> publisher.stats().connects() == 2);
        DetectionEvent marker = factory.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME,
                EventFixtures.person(0.1f), EventFixtures.MODEL);
        publisher.publish(marker);
        await().atMost(WAIT).until(() -> probe.payloadsOn("edgewatch/gatehouse/yard/events").stream()
                .map(codec::decode).anyMatch(e -> e.eventId().equals(marker.eventId())));
        await().atMost(WAIT).untilAsserted(() -> {
            PublisherStats s = publisher.stats();
            assertThat(s.published() + s.failed() + s.dropped() + s.queued()).isEqualTo(s.accepted());
        });
        System.out.println("stats after broker crash: " + publisher.stats());
    }

    @Test
    void usernameAndPasswordAreUsedAndWrongOnesAreRefused() throws Exception {
        broker.close();
        broker = Mosquitto.startWithUser("edge", "s3cret-pw");
        MqttProbe probe = track(MqttProbe.subscribe(broker.url(), "edgewatch/#", "edge", "s3cret-pw"));
        MqttPublisher good = track(publisher(broker.url(), "edge", "s3cret-pw"));
        MqttPublisher bad = track(publisher(broker.url(), "edge", "wrong"));
        assertThat(good.toString()).doesNotContain("s3cret-pw").contains("***");
        good.start();
        bad.start();
        await().atMost(WAIT).until(() -> probe.payloadsOn(AVAILABILITY).contains("online"));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> bad.stats().connects() == 0);
        assertThat(good.stats().connects()).isEqualTo(1);
    }

    private MqttPublisher publisher(String url, String user, String password) {
        String clientId = "pub-" + cleanup.size();
        MqttConfig config = new MqttConfig(url, "127.0.0.1", 0, "edgewatch", clientId, user, password, 1);
        PublisherSettings settings = PublisherSettings.defaults()
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500));
        return new MqttPublisher(config, "gatehouse", url, settings, codec, TimeSource.system());
    }

    private <T extends AutoCloseable> T track(T resource) {
        cleanup.add(resource);
        return resource;
    }
}
