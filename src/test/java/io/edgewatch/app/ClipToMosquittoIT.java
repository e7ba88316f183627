package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.util.TimeSource;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The walking skeleton end to end with real parts: the bundled clip decoded by FFmpeg, each shipped detector (the
 * int8 NanoDet on ONNX Runtime; SSD-MobileNet-v2 uint8 on TensorFlow Lite, format auto-detected), a real mosquitto
 * broker started for the test, and a separate MQTT subscriber that must receive person events.
 */
class ClipToMosquittoIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EdgewatchConfig config(String brokerUrl, String model, Path outbox) throws Exception {
        String yaml = """
                device: {name: it-box}
                model: {path: %s, threads: 1}
                detect: {min_score: 0.4, labels: [person]}
                mqtt: {url: "%s", topic_prefix: ewtest, outbox_path: "%s"}
                metrics: {enabled: false}
                cameras:
                  - {name: lobby, url: test-videos/vtest-people.mp4, loop: true, detect_fps: 5}
                """.formatted(model, brokerUrl, outbox);
        return new ConfigLoader(Map.of(), Path.of("")).parse(yaml, "it.yaml");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"models/nanodet-m-416.int8.onnx, nanodet-m-416.int8",
            "models/ssd-mobilenet-v2-coco-quant-postprocess.tflite, ssd-mobilenet-v2-coco-quant-postprocess"})
    void personEventsFromTheBundledClipReachARealBroker(String model, String modelName, @TempDir Path state)
            throws Exception {
        try (Mosquitto broker = Mosquitto.start();
             MqttProbe probe = MqttProbe.subscribe(broker.url(), "ewtest/#");
             Daemon daemon = Daemon.start(config(broker.url(), model, state.resolve("outbox.db")), TimeSource.system())) {
            String topic = "ewtest/it-box/lobby/events";
            await().atMost(Duration.ofSeconds(60)).until(() -> probe.payloadsOn(topic).size() >= 5);
            List<String> payloads = probe.payloadsOn(topic);
            // no OpenCV worker pool beside the detect thread (it spun between calls; see Daemon)
            assertThat(org.bytedeco.opencv.global.opencv_core.getNumThreads()).isEqualTo(1);
            long lastSeq = 0;
            for (String p : payloads) {
                JsonNode e = JSON.readTree(p);
                assertThat(e.get("schema_version").asInt()).isEqualTo(1);
                assertThat(e.get("label").asText()).isEqualTo("person");
                assertThat(e.get("model").get("name").asText()).isEqualTo(modelName);
                assertThat(e.get("score").asDouble()).isBetween(0.4, 1.0);
                JsonNode b = e.get("box");
                assertThat(b.get("x1").asDouble()).isBetween(0.0, 1.0);
                assertThat(b.get("y1").asDouble()).isBetween(0.0, 1.0);
                assertThat(b.get("x2").asDouble()).isBetween(b.get("x1").asDouble(), 1.0);
                assertThat(b.get("y2").asDouble()).isBetween(b.get("y1").asDouble(), 1.0);
                // A walking person is taller than wide in this clip.
                assertThat(b.get("y2").asDouble() - b.get("y1").asDouble())
                        .isGreaterThan(b.get("x2").asDouble() - b.get("x1").asDouble());
                assertThat(e.get("frame").get("width").asInt()).isEqualTo(768);
                assertThat(e.get("seq").asLong()).isEqualTo(lastSeq + 1);
                lastSeq = e.get("seq").asLong();
            }
            assertThat(probe.payloadsOn("ewtest/it-box/availability")).contains("online");
        }
    }
}
