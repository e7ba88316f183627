package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/** Snapshots go out retained on the camera's snapshot topic, byte for byte, and are dropped while offline. */
class SnapshotPublishIT {
    private static MqttMessage receive(Mosquitto broker, String clientId) throws Exception {
        MqttClient c = new MqttClient(broker.url(), clientId, new MemoryPersistence());
        AtomicReference<MqttMessage> got = new AtomicReference<>();
        c.connect(new MqttConnectionOptions());
        try {
            // the (String, int, listener) overload of Paho 1.2.5 recurses forever; use the array form
            c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription("edgewatch/gatehouse/yard/snapshot", 0)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.set(m)});
            await().atMost(Duration.ofSeconds(15)).until(() -> got.get() != null);
            return got.get();
        } finally {
            c.disconnect();
            c.close();
        }
    }

    @Test
    void snapshotIsRetainedOnItsTopicAndDroppedWhenOffline() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            MqttConfig config = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "snap-pub", null, null, 1);
            byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0x80, (byte) 0xFF, (byte) 0xD9};
            try (MqttPublisher p = new MqttPublisher(config, "gatehouse", broker.url(),
                    PublisherSettings.defaults(), new EventCodec(), TimeSource.system())) {
                assertThat(p.publishSnapshot("yard", jpeg)).isFalse();
                p.start();
                await().atMost(Duration.ofSeconds(15)).until(() -> p.stats().connected());
                assertThat(p.publishSnapshot("yard", jpeg)).isTrue();
                await().atMost(Duration.ofSeconds(15)).until(() -> p.snapshotCounts()[0] == 1);
                assertThat(p.snapshotCounts()).containsExactly(1, 1);
                assertThat(p.stats().handoffDropped(HandoffDrop.SNAPSHOT_OFFLINE)).isEqualTo(1);
                receive(broker, "first-snap");   // the publish has reached the broker
                MqttMessage got = receive(broker, "late-snap");
                assertThat(got.getPayload()).isEqualTo(jpeg);
                assertThat(got.isRetained()).isTrue();
            }
        }
    }
}
