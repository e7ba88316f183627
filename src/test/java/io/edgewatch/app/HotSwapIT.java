package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.detect.ModelTrial.Result;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model hot-swap in a running daemon (bundled clip, real mosquitto): a truncated file and a model with the wrong
 * outputs are refused and counted while fp32 keeps serving; int8 passes its trial and takes over, events name it
 * from then on, and {@code seq} has no gap across the switch.
 */
class HotSwapIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "ewswap/swap-box/lobby/events";

    private static EdgewatchConfig config(String brokerUrl, Path model, Path outbox) throws Exception {
        String yaml = """
                device: {name: swap-box}
                model: {path: "%s", threads: 1}
                detect: {min_score: 0.3, labels: [person]}
                mqtt: {url: "%s", topic_prefix: ewswap, outbox_path: "%s"}
                metrics: {enabled: false}
                cameras:
                  - {name: lobby, url: test-videos/vtest-people.mp4, loop: true, detect_fps: 5}
                """.formatted(model, brokerUrl, outbox);
        return new ConfigLoader(Map.of(), Path.of("")).parse(yaml, "swap.yaml");
    }

    @Test
    @Timeout(120)
    void refusesBrokenModelsAndSwapsToInt8WithoutAGap(@TempDir Path dir) throws Exception {
        Path truncated = dir.resolve("nanodet-truncated.onnx");
        byte[] int8 = Files.readAllBytes(Path.of("models/nanodet-m-416.int8.onnx"));
        Files.write(truncated, Arrays.copyOf(int8, int8.length / 3));
        Path outbox = dir.resolve("outbox.db");
        try (Mosquitto broker = Mosquitto.start();
             MqttProbe probe = MqttProbe.subscribe(broker.url(), "ewswap/#");
             Daemon daemon = Daemon.start(config(broker.url(), Path.of("models/nanodet-m-416.onnx"), outbox),
                     TimeSource.system())) {
            // several seconds of events: the recent-frame ring (one frame a second) holds a few frames by then
            await().atMost(Duration.ofSeconds(40)).until(() -> probe.payloadsOn(TOPIC).size() >= 8);

            daemon.reload(config(broker.url(), truncated, outbox));
            assertThat(daemon.modelSwap().count(Result.LOAD_FAILED)).isEqualTo(1);
            daemon.reload(config(broker.url(), Path.of("models/blazeface-front-128.onnx"), outbox));
            assertThat(daemon.modelSwap().count(Result.LOAD_FAILED)).isEqualTo(2);
            assertThat(daemon.detector().modelName()).isEqualTo("nanodet-m-416");

            daemon.reload(config(broker.url(), Path.of("models/nanodet-m-416.int8.onnx"), outbox));
            assertThat(daemon.modelSwap().count(Result.SWAPPED)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(40)).until(() -> lastModel(probe).equals("nanodet-m-416.int8"));
            assertSeqContiguousAndModelChangesOnce(probe.payloadsOn(TOPIC));
        }
    }

    private static String lastModel(MqttProbe probe) throws Exception {
        List<String> p = probe.payloadsOn(TOPIC);
        return JSON.readTree(p.get(p.size() - 1)).get("model").get("name").asText();
    }

    private static void assertSeqContiguousAndModelChangesOnce(List<String> payloads) throws Exception {
        long last = 0;
        int changes = 0;
        String model = null;
        for (String p : payloads) {
            JsonNode e = JSON.readTree(p);
            assertThat(e.get("seq").asLong()).isEqualTo(last + 1);
            last = e.get("seq").asLong();
            String m = e.get("model").get("name").asText();
            if (model != null && !m.equals(model)) {
                changes++;
                assertThat(e.get("model").get("sha256").asText()).hasSize(64);
            }
            model = m;
        }
        assertThat(changes).isEqualTo(1);
    }
}
