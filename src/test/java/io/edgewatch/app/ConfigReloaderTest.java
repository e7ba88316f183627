package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.metrics.ServiceMetrics.ReloadResult;
import io.edgewatch.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config-reload thread is supervised: a reload that throws something unexpected (here the file source) is
 * counted as a restart and the thread serves the next trigger after a backoff pause (fake time: no real wait).
 */
class ConfigReloaderTest {
    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);

    @TempDir
    Path dir;

    /** The daemon side of a reload, recording what it was given. */
    private static final class FakeDaemon implements ConfigReloader.Target {
        private volatile EdgewatchConfig config;
        final List<EdgewatchConfig> applied = new CopyOnWriteArrayList<>();

        FakeDaemon(EdgewatchConfig config) {
            this.config = config;
        }

        @Override public EdgewatchConfig config() { return config; }
        @Override public io.edgewatch.detect.Detector detector() {
            throw new UnsupportedOperationException("the model file is not watched in this test");
        }
        @Override public Path modelFile() { return config.model().path(); }
        @Override public void reloadModel(EdgewatchConfig next) { }
        @Override public List<String> reload(EdgewatchConfig next) {
            applied.add(next);
            config = next;
            return List.of();
        }
        @Override public ReloadResult lastReloadResult() { return ReloadResult.APPLIED; }
        @Override public void countReload(ReloadResult result, String error) { }
    }

    private String yaml(double minScore) {
        return """
                model: {path: "%s"}
                detect: {min_score: %s}
                cameras:
                  - {name: yard, url: "rtsp://127.0.0.1:8554/yard"}
                """.formatted(Path.of("models/nanodet-m-416.onnx").toAbsolutePath(), minScore);
    }

    @Test
    void aReloadThatThrowsRestartsTheThreadCountedAndTheNextTriggerIsServed() throws Exception {
        Path file = dir.resolve("edgewatch.yaml");
        Files.writeString(file, yaml(0.5));
        FakeDaemon daemon = new FakeDaemon(ConfigLoader.load(file));
        Files.writeString(file, yaml(0.3));
        AtomicInteger loads = new AtomicInteger();
        ConfigReloader.Source source = f -> {
            if (loads.incrementAndGet() == 1) {
                throw new IllegalStateException("injected fault in the config source");
            }
            return ConfigLoader.load(f);
        };
        ConfigReloader reloader = new ConfigReloader(file, source, daemon, time).start(false, false);
        try {
            reloader.trigger("test");
            await().atMost(Duration.ofSeconds(10)).until(() -> reloader.supervisor().restarts() == 1);
            assertThat(daemon.applied).isEmpty();
            reloader.trigger("test again");
            await().atMost(Duration.ofSeconds(10)).until(() -> daemon.applied.size() == 1);
            assertThat(daemon.applied.get(0).detect().minScore()).isEqualTo(0.3);
            assertThat(reloader.supervisor().failed()).isFalse();
            assertThat(reloader.supervisor().restarts()).isEqualTo(1);
            assertThat(time.sleeps()).as("one backoff pause").isEqualTo(1);
        } finally {
            reloader.close();
        }
    }
}
