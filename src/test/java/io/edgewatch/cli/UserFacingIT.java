package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.testing.Scrape;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 items 3, 6 and 10 as a user meets them, in child processes: `edgewatch` from another working
 * directory, a short daemon run with a canary secret in every place one can go (its stdout, stderr and
 * /ready, /health, /metrics never show it), and journald priority prefixes with JOURNAL_STREAM set.
 */
class UserFacingIT {
    private static final String CANARY = "Canary5zW";
    private static final Path CHECKOUT = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run edgewatch(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss4m", "-Xmx512m", "-cp", classpath(), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().remove("JOURNAL_STREAM");
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("edgewatch exits in time").isTrue();
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    /** The test class path, absolute, so the child can start in any directory. */
    private static String classpath() {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            out.add(Path.of(e).toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, out);
    }

    @Test
    @Timeout(120)
    void shippedConfigChecksFromAnyWorkingDirectoryWithPlainLogLines() throws Exception {
        Path config = CHECKOUT.resolve("config/edgewatch.yaml");
        Run r = edgewatch(Path.of("/"), Map.of(), "check-config", config.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(": OK").contains("model auto, variants [")
                .contains(CHECKOUT.resolve("models/nanodet-m-416.int8.onnx").toString());
        assertThat(r.err()).contains("Loaded detector").doesNotContain("<6>");
    }

    @Test
    @Timeout(150)
    void daemonRunNeverShowsTheCanaryAndTagsJournalPriorities() throws Exception {
        Files.writeString(dir.resolve("mqtt-password"), CANARY + "\n");
        int ops = freePort();
        Path config = dir.resolve("edgewatch.yaml");
        Files.writeString(config, """
                model: {path: %s}
                mqtt: {embedded_port: 0, username: box, password_file: mqtt-password, outbox_path: state/outbox.db}
                metrics: {host: 127.0.0.1, port: %d}
                cameras:
                  - {name: demo, url: %s, loop: true, detect_fps: 2}
                  - {name: door, url: "rtsp://admin:%s@127.0.0.1:1/live?user=admin&password=%s&token=%s"}
                """.formatted(CHECKOUT.resolve("models/nanodet-m-416.int8.onnx"), ops,
                CHECKOUT.resolve("test-videos/vtest-people.mp4"), CANARY, CANARY, CANARY));
        List<String> http = new ArrayList<>();
        Thread scraper = new Thread(() -> scrape(ops, http), "scraper");
        scraper.start();
        Run r = edgewatch(dir, Map.of("JOURNAL_STREAM", "8:12345"), "run", "-c", config.toString(), "--duration", "20");
        scraper.join(60_000);
        String everything = r.out() + r.err() + String.join("\n", http);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(http).as("/ready, /health, /metrics were scraped: " + r.err()).hasSize(3);
        assertThat(everything).doesNotContain(CANARY);
        assertThat(r.err()).as("the camera URL is logged, redacted").contains("rtsp://admin:***@127.0.0.1:1/live");
        assertThat(r.err().lines().filter(l -> l.contains(" INFO ")).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("<6>"));
        assertThat(r.err().lines().filter(l -> l.contains(" WARN ")).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).startsWith("<4>"));
    }

    /** Polls the ops endpoints until each answered once (the daemon needs a few seconds to start). */
    private static void scrape(int port, List<String> bodies) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String path : List.of("/ready", "/health", "/metrics")) {
            while (System.nanoTime() < deadline) {
                try {
                    bodies.add(Scrape.get(port, path).body());
                    break;
                } catch (IllegalStateException notYet) {
                    try {
                        Thread.sleep(200); // polling a child process's port: nothing to wait on
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
