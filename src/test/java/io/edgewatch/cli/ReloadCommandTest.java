package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `edgewatch reload` sends a real SIGHUP, and sends nothing for an invalid file. */
class ReloadCommandTest {

    /** A shell that writes a marker file when it gets SIGHUP (stands in for the daemon). */
    private static Process hupCatcher(Path marker) throws Exception {
        Process p = new ProcessBuilder("sh", "-c",
                "trap 'echo hup > " + marker + "; exit 0' HUP; echo ready; while :; do sleep 0.05; done").start();
        assertThat(new String(p.getInputStream().readNBytes(6))).isEqualTo("ready\n");
        return p;
    }

    @Test
    void signalsTheGivenProcess(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("hup");
        Process p = hupCatcher(marker);
        try {
            assertThat(Main.execute("reload", "--pid", Long.toString(p.pid()), "config/edgewatch.yaml")).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(marker));
        } finally {
            p.destroy();
        }
    }

    @Test
    void anInvalidFileIsNotSent(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "cameras: [{name: a, url: rtsp://cam/1, detect_fps: -1}]\n");
        Path marker = dir.resolve("hup");
        Process p = hupCatcher(marker);
        try {
            assertThat(Main.execute("reload", "--pid", Long.toString(p.pid()), bad.toString())).isEqualTo(2);
            Thread.sleep(200);
            assertThat(marker).doesNotExist();
            assertThat(p.isAlive()).isTrue();
        } finally {
            p.destroy();
        }
    }

    @Test
    void findsTheDaemonByItsCommandLine() {
        assertThat(ReloadCommand.isDaemon("java -Xss4m -Xmx512m -jar /usr/lib/edgewatch/edgewatch-0.1.0.jar run "
                + "--config /etc/edgewatch/edgewatch.yaml")).isTrue();
        assertThat(ReloadCommand.isDaemon("java -cp lib/* io.edgewatch.cli.Main run")).isTrue();
        assertThat(ReloadCommand.isDaemon("java -jar edgewatch.jar check-config x.yaml")).isFalse();
        assertThat(ReloadCommand.isDaemon("java -jar edgewatch.jar runx")).isFalse();
    }
}
