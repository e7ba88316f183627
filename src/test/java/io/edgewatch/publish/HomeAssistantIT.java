package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery configs and state are retained, point at our topics, and come back after a broker restart; a restart
 * with fewer cameras and labels clears the configs the previous run announced.
 */
class HomeAssistantIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    Path state;

    private static EdgewatchConfig config(String yaml) throws Exception {
        return new ConfigLoader(Map.of(), Path.of("/tmp"), p -> true).parse(yaml, "t.yaml");
    }

    /** One daemon run's publishing side: publisher + discovery from the config, until everything is sent. */
    private void run(Mosquitto broker, EdgewatchConfig config, int expectedTopics) throws Exception {
        MqttConfig mqtt = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "ha-run", null, null, 1);
        try (MqttProbe watch = MqttProbe.subscribe(broker.url(), "homeassistant/#");
             MqttPublisher p = new MqttPublisher(mqtt, "gatehouse", broker.url(), PublisherSettings.defaults(),
                     new EventCodec(), TimeSource.system())) {
            HomeAssistantSetup.start(config, p.topics(), "test", state.resolve(HomeAssistantSetup.ANNOUNCED_FILE),
                    p::retain);
            p.start();
            // live deliveries only (the retained copies of the previous run arrive at once on subscribing)
            await().atMost(WAIT).until(() -> watch.messages().stream().filter(m -> !m.retained())
                    .map(MqttProbe.Message::topic).distinct().count() >= expectedTopics);
        }
    }

    @Test
    void aRestartWithFewerCamerasAndLabelsClearsTheOldConfigsInTheBroker() throws Exception {
        try (Mosquitto broker = Mosquitto.start()) {
            run(broker, config("""
                    device: {name: gatehouse}
                    detect: {labels: [person, traffic light]}
                    cameras: [{name: yard, url: rtsp://cam/1}, {name: shed, url: rtsp://cam/2}]
                    """), 8);
            assertThat(retainedConfigs(broker)).hasSize(8)
                    .contains("homeassistant/sensor/edgewatch_gatehouse/shed_traffic_light_count/config");

            run(broker, config("""
                    device: {name: gatehouse}
                    detect: {labels: [person]}
                    cameras: [{name: yard, url: rtsp://cam/1}]
                    """), 8);   // 2 configs + 6 clears
            assertThat(retainedConfigs(broker)).containsExactlyInAnyOrder(
                    "homeassistant/binary_sensor/edgewatch_gatehouse/yard_person_occupancy/config",
                    "homeassistant/sensor/edgewatch_gatehouse/yard_person_count/config");
        }
    }

    /** Discovery topics a new subscriber receives as retained: what Home Assistant would see on its start. */
    private static List<String> retainedConfigs(Mosquitto broker) throws Exception {
        String marker = "homeassistant/zz_marker";
        try (MqttProbe probe = MqttProbe.subscribe(broker.url(), "homeassistant/#")) {
            // The broker queues the retained messages while it handles the SUBSCRIBE, so a message published
            // after the subscription returned arrives after all of them.
            MqttClient sender = new MqttClient(broker.url(), "ha-marker", new MemoryPersistence());
            sender.connect();
            sender.publish(marker, "end".getBytes(StandardCharsets.UTF_8), 1, false);
            sender.disconnect();
            sender.close();
            await().atMost(WAIT).until(() -> !probe.on(marker).isEmpty());
            return probe.messages().stream().filter(MqttProbe.Message::retained).map(MqttProbe.Message::topic)
                    .distinct().toList();
        }
    }

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
