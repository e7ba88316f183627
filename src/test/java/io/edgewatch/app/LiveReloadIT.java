package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.ingest.IngestState;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.testing.Scrape;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload with real parts, driven by edits of the watched config file: add a camera, redraw a zone, move to
 * a second mosquitto, remove the first camera. Events keep flowing with contiguous seq per camera across both
 * brokers (none lost at the switch), and only the touched camera's ingest restarts: the other keeps its ingest
 * object and its frame counter never pauses.
 */
@Timeout(90)
class LiveReloadIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    // absolute: relative paths in a config resolve against the config file's directory
    private static final String MODEL = "\"" + (Files.exists(Path.of("models/nanodet-m-416.int8.onnx"))
            ? Path.of("models/nanodet-m-416.int8.onnx") : Path.of("models/nanodet-m-416.onnx")).toAbsolutePath() + "\"";
    private static final String CLIP = "url: \"" + Path.of("test-videos/vtest-people.mp4").toAbsolutePath()
            + "\", loop: true, detect_fps: 3";
    private static final String LOBBY = "  - {name: lobby, " + CLIP + "%s}\n";
    private static final String HALL = "  - {name: hall, " + CLIP + "}\n";
    private static final String ZONE = ", zones: [{name: floor, points: [[0, 0], [1, 0], [1, 1], [0, 1]]}]";

    private static String config(String broker, Path outbox, String cameras) {
        return """
                device: {name: reload-it}
                model: {path: %s, threads: 1}
                detect: {min_score: 0.4, labels: [person]}
                mqtt: {url: "%s", topic_prefix: ewreload, outbox_path: "%s"}
                metrics: {host: 127.0.0.1, port: 0}
                cameras:
                %s""".formatted(MODEL, broker, outbox, cameras);
    }

    @Test
    void camerasZonesAndBrokerChangeWhileEventsFlow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edgewatch.yaml");
        Path outbox = dir.resolve("outbox.db");
        try (Mosquitto a = Mosquitto.start(); Mosquitto b = Mosquitto.start();
             MqttProbe onA = MqttProbe.subscribe(a.url(), "ewreload/+/+/events");
             MqttProbe onB = MqttProbe.subscribe(b.url(), "ewreload/+/+/events")) {
            Files.writeString(file, config(a.url(), outbox, LOBBY.formatted("")));
            try (Service service = Service.start(ConfigLoader.load(file), new Service.Options(file, ConfigLoader::load,
                    false, true, Map.of(), ProcessHandle.current().pid()), TimeSource.system());
                 FrameWatch lobbyFrames = new FrameWatch(service.daemon().cameras().get(0))) {
                Daemon d = service.daemon();
                CameraIngest lobby = d.cameras().get(0);
                await().atMost(Duration.ofSeconds(30)).until(() -> events(onA, "lobby").size() >= 2);

                // 1. a second camera: it starts, lobby is not touched
                Files.writeString(file, config(a.url(), outbox, LOBBY.formatted("") + HALL));
                await().atMost(Duration.ofSeconds(30)).until(() -> events(onA, "hall").size() >= 2);
                assertThat(d.cameras()).hasSize(2);
                assertThat(d.cameras().get(0)).as("lobby's ingest object is the same").isSameAs(lobby);
                CameraIngest hall = d.cameras().get(1);

                // 2. a zone on lobby: in place, events carry it
                Files.writeString(file, config(a.url(), outbox, LOBBY.formatted(ZONE) + HALL));
                await().atMost(Duration.ofSeconds(30)).until(() -> events(onA, "lobby").stream()
                        .anyMatch(e -> e.path("zones").toString().contains("floor")));
                assertThat(d.cameras()).containsExactly(lobby, hall);

                // 3. the broker moves: a new connection on the kept outbox
                Files.writeString(file, config(b.url(), outbox, LOBBY.formatted(ZONE) + HALL));
                await().atMost(Duration.ofSeconds(30)).until(() -> events(onB, "lobby").size() >= 2
                        && events(onB, "hall").size() >= 2);
                assertThat(d.brokerUrl()).isEqualTo(b.url());
                assertThat(d.cameras()).containsExactly(lobby, hall);

                // 4. lobby goes away: its ingest stops, hall keeps its ingest and keeps publishing
                Files.writeString(file, config(b.url(), outbox, HALL));
                await().atMost(Duration.ofSeconds(30)).until(() -> !lobby.isRunning());
                long hallOnB = events(onB, "hall").size();
                await().atMost(Duration.ofSeconds(30)).until(() -> events(onB, "hall").size() >= hallOnB + 2);
                assertThat(d.cameras()).containsExactly(hall);
                assertThat(lobby.isRunning()).isFalse();
                assertThat(hall.status().state()).isEqualTo(IngestState.STREAMING);

                assertThat(lobby.stats().reconnects()).as("lobby never reconnected").isZero();
                assertThat(lobbyFrames.longestPauseMillis()).as("lobby's frames never paused while it ran")
                        .isLessThan(3_000);
                String ready = Scrape.get(d.opsPort(), "/ready").body();
                assertThat(ready).contains("\"config_reload\"").contains("\"result\":\"applied\"");
                assertThat(Scrape.value(Scrape.get(d.opsPort(), "/metrics").body(),
                        "edgewatch_config_reload_total", "result=\"applied\"")).isEqualTo(4.0);
            }
            for (String camera : List.of("lobby", "hall")) {
                assertContiguous(camera, Stream.concat(events(onA, camera).stream(), events(onB, camera).stream())
                        .map(e -> e.get("seq").asLong()).toList());
            }
        }
    }

    private static void assertContiguous(String camera, List<Long> seqs) {
        TreeSet<Long> distinct = new TreeSet<>(seqs);
        assertThat(distinct).as(camera + " events").isNotEmpty();
        assertThat(distinct.last() - distinct.first() + 1)
                .as("%s: seq %s..%s over both brokers has no gap", camera, distinct.first(), distinct.last())
                .isEqualTo(distinct.size());
    }

    private static List<JsonNode> events(MqttProbe probe, String camera) {
        List<JsonNode> out = new ArrayList<>();
        for (String p : probe.payloadsOn("ewreload/reload-it/" + camera + "/events")) {
            try {
                out.add(JSON.readTree(p));
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + p, e);
            }
        }
        return out;
    }

    /** Samples a camera's decoded-frame counter every 50 ms while it runs and keeps the longest standstill. */
    private static final class FrameWatch implements AutoCloseable {
        private final AtomicLong longest = new AtomicLong();
        private final Thread thread;

        FrameWatch(CameraIngest camera) {
            thread = new Thread(() -> {
                long last = camera.stats().framesDecoded();
                long since = System.nanoTime();
                while (!Thread.currentThread().isInterrupted() && camera.isRunning()) {
                    long now = camera.stats().framesDecoded();
                    if (now != last || last == 0) {
                        last = now;
                        since = System.nanoTime();
                    }
                    longest.accumulateAndGet((System.nanoTime() - since) / 1_000_000, Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "frame-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long longestPauseMillis() {
            return longest.get();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
