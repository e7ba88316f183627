package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.VariantChoice;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.testing.Scrape;
import io.edgewatch.util.TimeSource;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model.path: auto} in a running daemon (bundled clip, real mosquitto, the shipped variants): a cached
 * choice serves at once and nothing is measured; without one, int8 serves from the first frame and the background
 * selection ends with a cached choice that is the serving model.
 */
class AutoVariantIT {
    private static final Path FP32 = Path.of("models/nanodet-m-416.onnx");
    private static final Path INT8 = Path.of("models/nanodet-m-416.int8.onnx");
    private static final String TOPIC = "ewauto/auto-box/lobby/events";

    private static EdgewatchConfig config(String brokerUrl, Path outbox) throws Exception {
        String yaml = """
                device: {name: auto-box}
                model: {path: auto, threads: 1}
                detect: {min_score: 0.3, labels: [person]}
                mqtt: {url: "%s", topic_prefix: ewauto, outbox_path: "%s"}
                metrics: {enabled: true, host: 127.0.0.1, port: 0}
                cameras:
                  - {name: lobby, url: test-videos/vtest-people.mp4, loop: true, detect_fps: 5}
                """.formatted(brokerUrl, outbox);
        return new ConfigLoader(Map.of(), Path.of("")).parse(yaml, "auto.yaml");
    }

    private static String key() {
        return VariantChoice.fileKey(VariantChoice.localCpu(), List.of(FP32, INT8));
    }

    @Test
    @Timeout(60)
    void aCachedChoiceServesAtOnceWithoutMeasuring(@TempDir Path dir) throws Exception {
        Path outbox = dir.resolve("state/outbox.db");
        Path cache = VariantChoice.cacheFile(outbox);
        // fp32 cached (not what auto starts with without a cache), written for another install path
        VariantChoice.store(cache, key(), new VariantChoice.Measured("nanodet-m-416",
                Path.of("/usr/lib/edgewatch/models/nanodet-m-416.onnx"), DetectorFactory.sha256(FP32), 33e6, 1.0));
        long written = Files.getLastModifiedTime(cache).toMillis();
        try (Mosquitto broker = Mosquitto.start();
             MqttProbe probe = MqttProbe.subscribe(broker.url(), "ewauto/#");
             Daemon daemon = Daemon.start(config(broker.url(), outbox), TimeSource.system())) {
            assertThat(daemon.detector().modelName()).isEqualTo("nanodet-m-416");
            await().atMost(Duration.ofSeconds(40)).until(() -> probe.payloadsOn(TOPIC).size() >= 3);
            assertThat(Scrape.get(daemon.opsPort(), "/metrics").body())
                    .containsPattern("edgewatch_model_variant_info\\{cpu=\"[^\"]+\",variant=\"nanodet-m-416\"} 1");
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("model-select"));
        }
        assertThat(Files.getLastModifiedTime(cache).toMillis()).isEqualTo(written);
    }

    @Test
    @Timeout(90)
    void withoutACacheInt8ServesFirstAndTheBackgroundSelectionCachesTheServingChoice(@TempDir Path dir)
            throws Exception {
        Path outbox = dir.resolve("state/outbox.db");
        Path cache = VariantChoice.cacheFile(outbox);
        try (Mosquitto broker = Mosquitto.start();
             MqttProbe probe = MqttProbe.subscribe(broker.url(), "ewauto/#");
             Daemon daemon = Daemon.start(config(broker.url(), outbox), TimeSource.system())) {
            assertThat(daemon.detector().modelName()).isEqualTo("nanodet-m-416.int8");
            // events flow before the selection (it waits for 4 recent frames, one a second)
            await().atMost(Duration.ofSeconds(30)).until(() -> !probe.payloadsOn(TOPIC).isEmpty());
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(cache));
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(cache)) {
                p.load(r);
            }
            assertThat(p.getProperty("key")).isEqualTo(key());
            String chosen = p.getProperty("name");
            await().atMost(Duration.ofSeconds(30)).until(() -> daemon.detector().modelName().equals(chosen));
            await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.get(daemon.opsPort(), "/metrics").body()
                    .contains("variant=\"" + chosen + "\"} 1"));
        }
    }
}
