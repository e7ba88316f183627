package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.ConfigLoader;
import io.edgewatch.util.TimeSource;
import io.edgewatch.testing.NotifySocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon under a stand-in for systemd: NOTIFY_SOCKET points at a real datagram socket bound by python3 and
 * WATCHDOG_USEC asks for a 1 s watchdog; it must say READY, then WATCHDOG repeatedly, then STOPPING at close.
 */
@Timeout(120)
class SystemdNotifyIT {
    @TempDir
    Path dir;

    @Test
    void readyThenWatchdogPingsThenStopping() throws Exception {
        Path socketPath = dir.resolve("notify");
        Path configFile = dir.resolve("edgewatch.yaml");
        Files.writeString(configFile, """
                model: {path: "@MODEL@"}
                mqtt: {embedded_port: 0}
                metrics: {enabled: false}
                cameras:
                  - {name: demo, url: "@CLIP@", loop: true, detect_fps: 5}
                """.replace("@MODEL@", Path.of("models/nanodet-m-416.onnx").toAbsolutePath().toString())
                .replace("@CLIP@", Path.of("test-videos/vtest-people.mp4").toAbsolutePath().toString()));
        try (NotifySocket socket = new NotifySocket(socketPath.toString())) {
            Map<String, String> env = Map.of("NOTIFY_SOCKET", socketPath.toString(), "WATCHDOG_USEC", "1000000");
            Service service = Service.start(ConfigLoader.load(configFile), new Service.Options(configFile,
                    ConfigLoader::load, false, false, env, ProcessHandle.current().pid()),
                    TimeSource.system());
            try {
                assertThat(service.underSystemd()).isTrue();
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> socket.received().stream().filter("WATCHDOG=1"::equals).count() >= 3);
            } finally {
                service.close();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.received().contains("STOPPING=1"));
            List<String> got = socket.received();
            assertThat(got.get(0)).startsWith("READY=1");
            assertThat(got.get(got.size() - 1)).isEqualTo("STOPPING=1");
            assertThat(got.subList(1, got.size() - 1)).containsOnly("WATCHDOG=1");
        }
    }
}
