package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.util.TimeSource;
import org.junit.jupiter.api.Test;

/** Queue and validation behaviour; no broker needed because the publisher thread is never started. */
class MqttPublisherTest {
    private static final String URL = "tcp://127.0.0.1:1";

    @Test
    void fullQueueDropsOldestAndCountsIt() {
        MqttPublisher p = publisher(config("u", "pw", 1), PublisherSettings.defaults().withQueueCapacity(3));
        for (int i = 0; i < 10; i++) {
            assertThat(p.publish(EventFixtures.sample())).isTrue();
        }
        PublisherStats s = p.stats();
        assertThat(s.accepted()).isEqualTo(10);
        assertThat(s.queued()).isEqualTo(3);
        assertThat(s.dropped()).isEqualTo(7);
        assertThat(s.published()).isZero();
        p.close();
        assertThat(p.publish(EventFixtures.sample())).isFalse();
        assertThat(p.stats().dropped()).isEqualTo(8);
    }

    @Test
    void handoffDropsAreCountedByReason() {
        MqttPublisher p = publisher(config(null, null, 1), PublisherSettings.defaults().withHandoff(2, 3));
        for (int i = 0; i < 5; i++) {
            p.retain("edgewatch/gatehouse/t" + i, new byte[] {(byte) i});
        }
        p.retain("edgewatch/gatehouse/t0", new byte[] {9});   // a known topic is replaced, not dropped
        assertThat(p.publishSnapshot("yard", new byte[] {1})).isFalse();   // never connected
        PublisherStats s = p.stats();
        assertThat(s.handoffDropped(HandoffDrop.RETAINED_TOPICS_FULL)).isEqualTo(2);
        assertThat(s.handoffDropped(HandoffDrop.SNAPSHOT_OFFLINE)).isEqualTo(1);
        p.close();
        assertThat(p.publishSnapshot("yard", new byte[] {1})).isFalse();
        assertThat(p.stats().handoffDropped(HandoffDrop.SNAPSHOT_CLOSED)).isEqualTo(1);
        assertThat(p.stats().handoffDrops()).hasSize(HandoffDrop.values().length);
        assertThat(p.snapshotCounts()).containsExactly(0, 2);
    }

    @Test
    void toStringNeverShowsThePassword() {
        MqttConfig config = config("edge", "hunter2-secret", 1);
        assertThat(config.toString()).doesNotContain("hunter2-secret").contains("password=***");
        MqttPublisher p = publisher(config, PublisherSettings.defaults());
        assertThat(p.toString()).doesNotContain("hunter2-secret").contains("user=edge").contains("***");
        p.close();
    }

    @Test
    void validatesInputsByName() {
        assertThatThrownBy(() -> publisher(config(null, null, 2), PublisherSettings.defaults()))
                .hasMessageContaining("qos");
        assertThatThrownBy(() -> new MqttPublisher(config(null, null, 1), "gate/house", URL,
                PublisherSettings.defaults(), new EventCodec(), TimeSource.system())).hasMessageContaining("device");
        assertThatThrownBy(() -> new MqttPublisher(config(null, null, 1), "gatehouse", "",
                PublisherSettings.defaults(), new EventCodec(), TimeSource.system())).hasMessageContaining("serverUri");
        assertThatThrownBy(() -> PublisherSettings.defaults().withQueueCapacity(0))
                .hasMessageContaining("queueCapacity");
        assertThatThrownBy(() -> PublisherSettings.defaults().withHandoff(0, 1)).hasMessageContaining("snapshotQueue");
    }

    private static MqttConfig config(String user, String password, int qos) {
        return new MqttConfig(URL, "127.0.0.1", 0, "edgewatch", "", user, password, qos);
    }

    private static MqttPublisher publisher(MqttConfig config, PublisherSettings settings) {
        return new MqttPublisher(config, "gatehouse", URL, settings, new EventCodec(), TimeSource.system());
    }
}
