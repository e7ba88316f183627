package io.edgewatch.fleet;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * docs/examples/fleet-consumer.sh (mosquitto_sub + jq + awk) as a child process, alone in its own shared group
 * so it receives every event. If mosquitto_sub gives up while the broker is down it is started again with the
 * same client id; its persistent session holds what arrived meanwhile.
 */
final class ShellConsumer {
    static final Path SCRIPT = Path.of("docs/examples/fleet-consumer.sh");
    private final List<String> cmd;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> gaps = new CopyOnWriteArrayList<>();
    private Process process;
    private int restarts;

    private ShellConsumer(List<String> cmd) {
        this.cmd = cmd;
    }

    static ShellConsumer start(Path dir, int port, String clientId) throws IOException {
        Path password = dir.resolve("backend.pw");
        Files.writeString(password, "pw-backend\n");
        ShellConsumer c = new ShellConsumer(List.of("sh", SCRIPT.toString(), "127.0.0.1", Integer.toString(port),
                "backend", password.toString(), "shell", clientId));
        c.launch();
        return c;
    }

    void restartIfDead() throws IOException {
        if (!process.isAlive()) {
            restarts++;
            launch();
        }
    }

    int restarts() {
        return restarts;
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    List<String> stderr() {
        return List.copyOf(gaps);
    }

    /** GAP lines of the script (other stderr lines are mosquitto_sub's connection messages). */
    List<String> gaps() {
        return gaps.stream().filter(l -> l.startsWith("GAP ")).toList();
    }

    /** Waits until the printed lines reach the given last seq per device/camera; returns what it saw. */
    Map<String, Long> awaitLastSeqs(Map<String, Long> expected, Duration wait) {
        try {
            await().atMost(wait).pollInterval(Duration.ofMillis(200)).until(() -> lastSeqs().equals(expected));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the caller's assertion shows the difference
        }
        return lastSeqs();
    }

    Map<String, Long> lastSeqs() {
        Map<String, Long> last = new TreeMap<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            last.merge(f[1] + "/" + f[2], Long.parseLong(f[3]), Math::max);
        }
        return last;
    }

    void stop() throws InterruptedException {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(cmd).start();
        pump(process.getInputStream(), lines, "shell-consumer-out");
        pump(process.getErrorStream(), gaps, "shell-consumer-err");
    }

    private static void pump(java.io.InputStream in, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    into.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
