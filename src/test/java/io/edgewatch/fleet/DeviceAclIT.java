package io.edgewatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.PublisherSettings;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import java.nio.file.Path;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Per-device credentials against a real mosquitto with the documented ACL: box A's credentials publishing as
 * box B are refused (PUBACK reason 0x87), the refusal is logged once per topic and reason, and the events stay in
 * the outbox instead of counting as delivered. Box A as itself is delivered to the backend user.
 */
class DeviceAclIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger senderLog = (Logger) LoggerFactory.getLogger("io.edgewatch.publish.OutboxSender");
    private Mosquitto broker;

    @TempDir
    Path dir;

    @BeforeEach
    void startBroker() {
        broker = Mosquitto.startWithAcl(FleetAcl.users("box-a", "box-b"), FleetAcl.ACL, false);
        logs.start();
        senderLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        senderLog.detachAppender(logs);
        broker.close();
    }

    @Test
    void boxACannotPublishAsBoxBAndKeepsTheRefusedEvents() throws Exception {
        try (MqttProbe backend = MqttProbe.subscribe(broker.url(), "edgewatch/#", "backend", "pw-backend");
             Outbox outbox = outbox("impostor.db");
             MqttPublisher impostor = publisher("box-a", "box-b", outbox)) {
            impostor.start();
            await().atMost(WAIT).until(() -> impostor.stats().connected());
            EventFactory asB = EventFixtures.factory("box-b");
            for (int i = 0; i < 5; i++) {
                impostor.publish(asB.newEvent("door", EventFixtures.T0, EventFixtures.FRAME,
                        EventFixtures.person(0.9f), EventFixtures.MODEL));
            }
            await().atMost(WAIT).until(() -> impostor.stats().failed() >= 5);
            assertThat(impostor.stats().published()).as("refused events do not count as delivered").isZero();
            assertThat(impostor.stats().queued()).as("refused events stay in the outbox").isEqualTo(5);
            assertThat(outbox.size()).isEqualTo(5);
            assertThat(backend.messages()).as("nothing reached box-b's topics").noneMatch(
                    m -> m.topic().startsWith("edgewatch/box-b/") && m.topic().endsWith("/events"));

            List<ILoggingEvent> warns = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warns).as("one WARN for five refusals of one topic").hasSize(1);
            assertThat(warns.get(0).getFormattedMessage()).contains("edgewatch/box-b/door/events", "0x87",
                    "not authorized", "kept in the outbox");
            System.out.println("ACL refusal: " + warns.get(0).getFormattedMessage());
        }
    }

    @Test
    void boxAAsItselfReachesTheBackend() throws Exception {
        try (MqttProbe backend = MqttProbe.subscribe(broker.url(), "edgewatch/#", "backend", "pw-backend");
             Outbox outbox = outbox("a.db");
             MqttPublisher boxA = publisher("box-a", "box-a", outbox)) {
            boxA.start();
            EventFactory asA = EventFixtures.factory("box-a");
            for (int i = 0; i < 5; i++) {
                boxA.publish(asA.newEvent("door", EventFixtures.T0, EventFixtures.FRAME,
                        EventFixtures.person(0.9f), EventFixtures.MODEL));
            }
            await().atMost(WAIT).until(() -> backend.payloadsOn("edgewatch/box-a/door/events").size() == 5);
            await().atMost(WAIT).until(() -> boxA.stats().published() == 5 && boxA.stats().queued() == 0);
            assertThat(boxA.stats().failed()).isZero();
            assertThat(backend.payloadsOn("edgewatch/box-a/availability")).contains("online");
        }
    }

    private Outbox outbox(String name) {
        return Outbox.open(dir.resolve(name), new OutboxLimits(1000, Duration.ofHours(1)), TimeSource.system());
    }

    private MqttPublisher publisher(String user, String device, Outbox outbox) {
        MqttConfig config = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "edgewatch-" + device + "-"
                + user, user, "pw-" + user, 1);
        return new MqttPublisher(config, device, broker.url(), PublisherSettings.defaults()
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500)), new EventCodec(), TimeSource.system(),
                outbox);
    }
}
