package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import java.nio.charset.StandardCharsets;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The thread-ownership rule against a real mosquitto: whatever thread calls publish/retain/publishSnapshot, only
 * {@code mqtt-publisher-<device>} sends on the client; and a full snapshot hand-off drops the oldest, counted.
 */
class PublisherThreadIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String OWNER = "mqtt-publisher-gatehouse";

    @Test
    void onlyThePublisherThreadSendsOnTheClient() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); MqttProbe probe = MqttProbe.subscribe(broker.url(), "#")) {
            RecordingClient client = new RecordingClient(broker.url(), "owner-test");
            MqttPublisher p = publisher(broker, client, PublisherSettings.defaults());
            p.start();
            await().atMost(WAIT).until(() -> p.stats().connected());
            Thread detect = new Thread(() -> {
                new HomeAssistant(p.topics(), "gatehouse").configs(List.of("yard"), List.of("person"))
                        .forEach(p::retain);
                p.retain(p.topics().state("yard"), utf8("{\"person\":1}"));
                p.publish(EventFixtures.sample());
                p.publishSnapshot("yard", new byte[] {(byte) 0xFF, (byte) 0xD8, 7, (byte) 0xFF, (byte) 0xD9});
            }, "detect-test");
            detect.start();
            detect.join();
            await().atMost(WAIT).until(() -> probe.messages().size() >= 6);   // online, 2 HA, state, event, snapshot
            p.close();
            assertThat(client.calls()).extracting(RecordingClient.Call::what)
                    .contains("connect", "publish edgewatch/gatehouse/yard/state",
                            "publish edgewatch/gatehouse/yard/snapshot",
                            "publish edgewatch/gatehouse/front_door/events", "disconnect");
            assertThat(client.calls()).extracting(RecordingClient.Call::thread).containsOnly(OWNER);
        }
    }

    @Test
    void fullSnapshotHandoffDropsTheOldestAndCountsIt() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            RecordingClient client = new RecordingClient(broker.url(), "handoff-test");
            MqttPublisher p = publisher(broker, client, PublisherSettings.defaults().withHandoff(2, 16));
            p.start();
            await().atMost(WAIT).until(() -> p.stats().connected());
            client.gate("edgewatch/gatehouse/yard/snapshot");
            assertThat(p.publishSnapshot("yard", jpeg(0))).isTrue();
            assertThat(client.awaitAtGate()).as("publisher thread holds snapshot 0").isTrue();
            for (int i = 1; i <= 5; i++) {
                assertThat(p.publishSnapshot("yard", jpeg(i))).isTrue();   // 1..3 are pushed out by 4 and 5
            }
            assertThat(p.stats().handoffDropped(HandoffDrop.SNAPSHOT_QUEUE_FULL)).isEqualTo(3);
            client.openGate();
            await().atMost(WAIT).until(() -> p.stats().snapshotsSent() == 3);
            try (MqttProbe late = MqttProbe.subscribe(broker.url(), "edgewatch/gatehouse/yard/snapshot")) {
                await().atMost(WAIT).until(() -> !late.messages().isEmpty());
                assertThat(late.messages().get(0).payload()).isEqualTo(new String(jpeg(5), StandardCharsets.UTF_8));
            }
            PublisherStats s = p.stats();
            assertThat(s.handoffDrops()).containsAllEntriesOf(Map.of(HandoffDrop.SNAPSHOT_QUEUE_FULL, 3L,
                    HandoffDrop.SNAPSHOT_OFFLINE, 0L, HandoffDrop.SNAPSHOT_ERROR, 0L));
            assertThat(p.snapshotCounts()).containsExactly(3, 3);
            p.close();
        }
    }

    private static MqttPublisher publisher(Mosquitto broker, RecordingClient client, PublisherSettings settings) {
        MqttConfig config = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "", null, null, 1);
        TimeSource time = TimeSource.system();
        return new MqttPublisher(config, "gatehouse", client, settings, new EventCodec(), time,
                Outbox.inMemory(new OutboxLimits(100, Duration.ofHours(1)), time));
    }

    /** Distinct ASCII payloads, so the probe's string view compares them exactly. */
    private static byte[] jpeg(int n) {
        return utf8("snapshot-" + n);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
