package io.edgewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto, started by the bench on a free 127.0.0.1 port so the daemon can be measured against an
 * external broker, as it is deployed (the broker's CPU is then another process's, not the daemon's). Anonymous,
 * no persistence; config and log in the bench's output directory. Stopped by its own PID only (SIGTERM, then
 * SIGKILL after a bounded wait).
 */
final class ExternalBroker implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final long READY_MILLIS = 15_000;
    private static final long STOP_SECONDS = 5;

    private final Process process;
    private final int port;
    private final Path log;

    private ExternalBroker(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** True when the broker binary is installed (the bench then measures the external-broker row). */
    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts mosquitto and returns once its port accepts connections; fails with its log if it cannot. */
    static ExternalBroker start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = Loopback.freePort();
        Path config = dir.resolve("mosquitto-" + port + ".conf");
        Path log = dir.resolve("mosquitto-" + port + ".log");
        // "user": started as root, mosquitto would otherwise switch to its own user and could not write the log.
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "log_dest stderr\nlog_type error\nlog_type warning\nuser " + System.getProperty("user.name") + "\n");
        Process p = new ProcessBuilder(BINARY.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ExternalBroker broker = new ExternalBroker(p, port, log);
        try {
            broker.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (!Loopback.accepts(port)) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("mosquitto did not accept on 127.0.0.1:" + port + " within " + READY_MILLIS
                        + " ms: " + Files.readString(log));
            }
            process.waitFor(50, TimeUnit.MILLISECONDS); // returns early if it dies
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
