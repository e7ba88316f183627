package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.ConfigLoader;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.ingest.IngestState;
import io.edgewatch.metrics.ServiceMetrics.ReloadResult;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.testing.Scrape;
import java.nio.file.Files;
import java.nio.file.Path;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.util.Supervisor;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import io.edgewatch.util.TimeSource;

/**
 * The daemon as a service on the bundled clip with the fp32 NanoDet model, a real mosquitto and the ops endpoint on
 * a free port: metrics move, health answers, a reload changes a threshold without restarting the decoder, a broken
 * file is rejected, and /ready flips when the broker goes away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class OpsIT {
    private static final String CAMERA = "demo";
    private static Mosquitto broker;
    private static Path configFile;
    private static Service service;
    private static int port;

    static String config(double minScore) {
        return """
                device: {name: ops-it}
                model: {path: "@MODEL@", threads: 1}
                detect: {min_score: %s, labels: [person]}
                mqtt: {url: "%s"}
                metrics: {host: 127.0.0.1, port: 0}
                cameras:
                  - {name: demo, url: "@CLIP@", loop: true, detect_fps: 5}
                """.formatted(minScore, broker.url()).replace("@MODEL@", Path.of("models/nanodet-m-416.onnx").toAbsolutePath().toString())
                .replace("@CLIP@", Path.of("test-videos/vtest-people.mp4").toAbsolutePath().toString());
    }

    /** The reloaded file: lower threshold, slower detect rate. */
    static String reloaded() {
        return config(0.3).replace("detect_fps: 5", "detect_fps: 4");
    }

    @BeforeAll
    static void start() throws Exception {
        broker = Mosquitto.start();
        configFile = Files.createTempDirectory("edgewatch-ops-it").resolve("edgewatch.yaml");
        Files.writeString(configFile, config(0.99)); // NanoDet never scores vtest's people this high
        service = Service.start(ConfigLoader.load(configFile), new Service.Options(configFile, ConfigLoader::load,
                true, true, Map.of(), ProcessHandle.current().pid()), TimeSource.system());
        port = service.daemon().opsPort();
        await().atMost(Duration.ofSeconds(30)).until(() -> camera().status().state() == IngestState.STREAMING
                && service.daemon().publisher().stats().connected());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static CameraIngest camera() {
        return service.daemon().cameras().get(0);
    }

    @Test
    @Order(1)
    void perCameraSeriesMoveBetweenScrapes() {
        Scrape.Reply first = Scrape.get(port, "/metrics");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("text/plain");
        String cam = "camera=\"" + CAMERA + "\"";
        double decoded0 = Scrape.value(first.body(), "edgewatch_camera_frames_decoded_total", cam);
        double detected0 = Scrape.value(first.body(), "edgewatch_detect_frames_total", cam);
        assertThat(decoded0).isNotNaN();
        assertThat(detected0).isNotNaN();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String body = Scrape.get(port, "/metrics").body();
            assertThat(Scrape.value(body, "edgewatch_camera_frames_decoded_total", cam)).isGreaterThan(decoded0 + 10);
            assertThat(Scrape.value(body, "edgewatch_detect_frames_total", cam)).isGreaterThan(detected0 + 3);
            assertThat(Scrape.value(body, "edgewatch_inference_latency_seconds_count", "model=\"nanodet-m-416\""))
                    .isGreaterThan(3);
        });
        String body = Scrape.get(port, "/metrics").body();
        assertThat(Scrape.value(body, "edgewatch_camera_state", cam, "state=\"streaming\"")).isEqualTo(1.0);
        assertThat(Scrape.value(body, "edgewatch_camera_state", cam, "state=\"backoff\"")).isEqualTo(0.0);
        assertThat(Scrape.value(body, "edgewatch_detect_target_fps", cam)).isEqualTo(5.0);
        assertThat(Scrape.value(body, "edgewatch_mqtt_connected")).isEqualTo(1.0);
        assertThat(Scrape.value(body, "edgewatch_inference_latency_seconds_bucket", "le=\"+Inf\"")).isGreaterThan(3);
        // One pool (e.g. G1 Survivor Space) can be empty at any instant: check the total.
        assertThat(Scrape.sum(body, "jvm_memory_used_bytes", "area=\"heap\"")).isGreaterThan(0);
        assertThat(Scrape.value(body, "process_uptime_seconds")).isGreaterThan(0);
    }

    @Test
    @Order(2)
    void healthIsUpWhileTheDetectLoopRuns() {
        Scrape.Reply health = Scrape.get(port, "/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.contentType()).isEqualTo("application/json");
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"progressing\":true");
        Scrape.Reply ready = Scrape.get(port, "/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"demo\"").contains("\"connected\":true");
        assertThat(Scrape.get(port, "/metrics/x").status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void fileChangeLowersTheThresholdWithoutRestartingTheDecoder() throws Exception {
        String events = "edgewatch/ops-it/" + CAMERA + "/events";
        try (MqttProbe probe = MqttProbe.subscribe(broker.url(), "edgewatch/ops-it/#")) {
            long reconnects = camera().stats().reconnects();
            long decoded = camera().stats().framesDecoded();
            assertThat(probe.on(events)).as("no event passes min_score 0.99").isEmpty();

            Files.writeString(configFile, reloaded());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> service.daemon().config().detect().minScore() == 0.3);
            await().atMost(Duration.ofSeconds(20)).until(() -> !probe.on(events).isEmpty());

            assertThat(probe.on(events).get(0).payload()).contains("\"label\":\"person\"");
            assertThat(camera().stats().reconnects()).as("decoder not restarted").isEqualTo(reconnects);
            assertThat(camera().isRunning()).isTrue();
            assertThat(camera().stats().framesDecoded()).isGreaterThan(decoded);
            assertThat(Scrape.value(Scrape.get(port, "/metrics").body(), "edgewatch_config_reload_total",
                    "result=\"applied\"")).isGreaterThanOrEqualTo(1);
            assertThat(Scrape.value(Scrape.get(port, "/metrics").body(), "edgewatch_detect_target_fps",
                    "camera=\"demo\"")).isEqualTo(4.0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String body = Scrape.get(port, "/metrics").body();
                assertThat(Scrape.value(body, "edgewatch_events_total", "camera=\"demo\"", "label=\"person\"",
                        "type=\"new\"")).isGreaterThanOrEqualTo(1);
                assertThat(Scrape.value(body, "edgewatch_mqtt_publish_latency_seconds_count"))
                        .isGreaterThanOrEqualTo(1);
            });
        }
    }

    @Test
    @Order(4)
    void invalidFileIsRejectedAndTheRunningConfigKept() throws Exception {
        Files.writeString(configFile, reloaded().replace("detect_fps: 4", "detect_fps: -2"));
        assertThat(service.reloader().reload()).isEqualTo(ReloadResult.REJECTED);
        assertThat(service.daemon().config().cameras().get(0).detectFps()).isEqualTo(4.0);
        assertThat(service.daemon().config().detect().minScore()).isEqualTo(0.3);
        assertThat(Scrape.value(Scrape.get(port, "/metrics").body(), "edgewatch_config_reload_total",
                "result=\"rejected\"")).isGreaterThanOrEqualTo(1);
        Files.writeString(configFile, reloaded()); // valid again, as running: later reloads find it unchanged
        await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.value(Scrape.get(port, "/metrics").body(),
                "edgewatch_config_reload_total", "result=\"unchanged\"") >= 1);
    }

    @Test
    @Order(5)
    void sighupRereadsTheFile() {
        String unchanged = "result=\"unchanged\"";
        double before = Scrape.value(Scrape.get(port, "/metrics").body(), "edgewatch_config_reload_total", unchanged);
        sun.misc.Signal.raise(new sun.misc.Signal("HUP")); // our handler is installed: no JVM shutdown
        await().atMost(Duration.ofSeconds(10)).until(() -> Scrape.value(Scrape.get(port, "/metrics").body(),
                "edgewatch_config_reload_total", unchanged) == before + 1);
    }

    @Test
    @Order(6)
    void readyFlipsWhenTheBrokerGoesAwayAndBack() {
        assertThat(Scrape.get(port, "/ready").status()).isEqualTo(200);
        broker.stop();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape.Reply ready = Scrape.get(port, "/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("\"status\":\"DOWN\"").contains("\"connected\":false");
        });
        assertThat(Scrape.get(port, "/health").status()).as("liveness does not depend on the broker").isEqualTo(200);
        broker.restart();
        await().atMost(Duration.ofSeconds(60)).until(() -> Scrape.get(port, "/ready").status() == 200);
    }

    @Test
    @Order(7)
    void anMqttReloadMovesTheThreadMetricsAndHealthToTheNewThreads() throws Exception {
        MqttPublisher before = service.daemon().publisher();
        String mqtt = "mqtt: {url: \"" + broker.url() + "\"}";
        assertThat(reloaded()).contains(mqtt);
        Files.writeString(configFile, reloaded().replace(mqtt, mqtt.replace("}", ", client_id: ops-it-reloaded}"))
                + "snapshots: {enabled: true, blur_faces: false}\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> service.daemon().publisher() != before
                && service.daemon().config().snapshots().enabled());
        Supervisor fresh = service.daemon().publisher().supervisor();
        assertThat(service.daemon().supervisors()).contains(fresh).doesNotContain(before.supervisor());
        Set<String> documented = documentedThreads();
        assertThat(service.daemon().supervisors()).extracting(Supervisor::name)
                .containsExactlyInAnyOrderElementsOf(documented);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String body = Scrape.get(port, "/metrics").body();
            for (String name : documented) {   // the snapshot worker only exists since this reload
                assertThat(Scrape.value(body, "edgewatch_thread_restarts_total", "thread=\"" + name + "\""))
                        .as(name).isEqualTo(0.0);
            }
            Scrape.Reply health = Scrape.get(port, "/health");
            assertThat(health.status()).isEqualTo(200);
            documented.forEach(name -> assertThat(health.body()).contains("\"" + name + "\":{"));
        });
    }

    /** The {@code thread} values docs/metrics.md lists for edgewatch.thread.restarts. */
    private static Set<String> documentedThreads() throws IOException {
        String docs = Files.readString(Path.of("docs/metrics.md"));
        Matcher para = Pattern.compile("Supervised threads \\(`edgewatch.thread.restarts`, `thread` values\\):"
                + "([^.]*)\\.").matcher(docs);
        assertThat(para.find()).as("thread values paragraph in docs/metrics.md").isTrue();
        Set<String> names = new TreeSet<>();
        Matcher name = Pattern.compile("`([a-z-]+)`").matcher(para.group(1));
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }
}
