package io.edgewatch.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real AF_UNIX datagram socket standing in for systemd's, bound by Debian's python3 (stopped by its PID). */
public final class NotifySocket implements AutoCloseable {
    private final Process process;
    private final List<String> received = new CopyOnWriteArrayList<>();

    public NotifySocket(String name) throws IOException {
        Path script = Path.of("src/test/resources/systemd/notify_receiver.py");
        process = new ProcessBuilder("/usr/bin/python3", script.toString(), name).redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "notify-socket-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("BOUND") || !process.isAlive());
        if (!received.contains("BOUND")) {
            throw new IllegalStateException("receiver did not bind: " + received);
        }
        received.remove("BOUND");
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                received.add(line);
            }
        } catch (IOException e) {
            received.add("READ FAILED " + e);
        }
    }

    /** Datagrams in arrival order; a datagram's lines joined by '|'. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
