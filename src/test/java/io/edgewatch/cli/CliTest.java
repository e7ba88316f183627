package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.testing.ConsoleCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void checkConfigListsEveryErrorAndExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                mqtt: {qos: 3, password: hunter2}
                cameras:
                  - name: Front Door
                    url: rtsp://admin:hunter2@/stream
                    detect_fps: -1
                    colour: red
                """);
        int code = Main.execute("check-config", bad.toString());
        String e = console.err();
        assertThat(code).isEqualTo(2);
        assertThat(e).contains("mqtt.qos: 3: must be 0 or 1")
                .contains("cameras[0].name: Front Door:")
                .contains("cameras[0].detect_fps: -1: must be positive")
                .contains("cameras[0].colour: unknown key")
                .contains("cameras[0].url: rtsp://admin:***@/stream")
                .contains("mqtt.password")
                .doesNotContain("hunter2");
    }

    @Test
    void shippedConfigIsValidWhenItsModelExists() {
        int code = Main.execute("check-config", "config/edgewatch.yaml");
        assertThat(code).as(console.err()).isZero();
        assertThat(console.out()).contains("OK");
    }

    @Test
    void versionNamesTheCommitTheBuildWasMadeFrom() throws Exception {
        assertThat(Main.execute("--version")).isZero();
        String commit = gitHead();
        assertThat(console.out()).as("git HEAD " + commit)
                .containsPattern("^edgewatch \\S+ \\(commit " + (commit.isEmpty() ? "unknown" : commit) + "\\)\\R");
    }

    /** The checkout's commit as the build records it (12 hex digits), or "" outside a git checkout. */
    private static String gitHead() throws Exception {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && head.matches("[0-9a-f]{12}") ? head : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void versionAndHelp() {
        assertThat(Main.execute("--version")).isZero();
        assertThat(console.out()).startsWith("edgewatch ");
        assertThat(Main.execute("run", "--help")).isZero();
        assertThat(console.out()).contains("--config", "--print-events");
        assertThat(Main.execute("no-such-command")).isEqualTo(2);
    }
}
