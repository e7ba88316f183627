package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery configs and state are retained, point at our topics, and come back after a broker restart. */
class HomeAssistantIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void discoveryIsRetainedWiredToAvailabilityAndRepublishedAfterBrokerRestart() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            MqttConfig config = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "ha-pub", null, null, 1);
            try (MqttPublisher p = new MqttPublisher(config, "gatehouse", broker.url(),
                    PublisherSettings.defaults().withReconnect(Duration.ofMillis(100), Duration.ofMillis(300)),
                    new EventCodec(), TimeSource.system())) {
                Map<String, byte[]> configs = new HomeAssistant(p.topics(), "gatehouse")
                        .configs(List.of("yard"), List.of("person", "car"));
                assertThat(configs).hasSize(4);
                configs.forEach(p::retain);
                p.retain(p.topics().state("yard"), "{\"car\":0,\"person\":1}".getBytes(StandardCharsets.UTF_8));
                p.start();
                assertDiscovery(broker);
                broker.stop();
                broker.restart();   // no persistence: the broker forgot every retained message
                await().atMost(WAIT).until(() -> p.stats().connects() == 2);
                assertDiscovery(broker);
            }
        }
    }

    /** Waits until all 6 topics were published, then checks what a late subscriber gets as retained. */
    private static void assertDiscovery(Mosquitto broker) throws Exception {
        try (MqttProbe watch = MqttProbe.subscribe(broker.url(), "#")) {
            await().atMost(WAIT).until(() -> watch.messages().stream().map(MqttProbe.Message::topic).distinct()
                    .count() >= 6);
        }
        try (MqttProbe probe = MqttProbe.subscribe(broker.url(), "#")) {
            await().atMost(WAIT).until(() -> probe.messages().stream().filter(m -> m.retained()).count() >= 6);
            MqttProbe.Message occupancy = probe.on(
                    "homeassistant/binary_sensor/edgewatch_gatehouse/yard_person_occupancy/config").get(0);
            assertThat(occupancy.retained()).isTrue();
            JsonNode n = new ObjectMapper().readTree(occupancy.payload());
            assertThat(n.get("state_topic").asText()).isEqualTo("edgewatch/gatehouse/yard/state");
            assertThat(n.get("availability_topic").asText()).isEqualTo("edgewatch/gatehouse/availability");
            assertThat(n.get("unique_id").asText()).isEqualTo("edgewatch_gatehouse_yard_person_occupancy");
            assertThat(n.get("device_class").asText()).isEqualTo("occupancy");
            assertThat(probe.on("homeassistant/sensor/edgewatch_gatehouse/yard_car_count/config")).hasSize(1);
            assertThat(probe.payloadsOn("edgewatch/gatehouse/yard/state")).containsExactly("{\"car\":0,\"person\":1}");
        }
    }
}
