package io.edgewatch.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Debian mosquitto broker for integration tests: generated config, free 127.0.0.1 port, optional
 * username/password (via mosquitto_passwd), stop/kill and restart on the same port. Stopped by its PID only.
 * <pre>
 * try (Mosquitto broker = Mosquitto.start()) { ... broker.url() ... }
 * </pre>
 */
public final class Mosquitto implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    private static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final Path dir;
    private final Path config;
    private final Path log;
    private final int port;
    private Process process;

    private final boolean tls;

    private Mosquitto(String username, String password, boolean persistent) throws IOException {
        this(username, password, persistent, null);
    }

    private Mosquitto(String username, String password, boolean persistent, TestCerts certs) throws IOException {
        requireExecutable(BINARY);
        dir = Files.createTempDirectory("edgewatch-mosquitto-");
        // Started as root, mosquitto drops to its own user: without this its persistence file cannot be written,
        // and a "graceful" restart silently forgets every session and queued message.
        dir.toFile().setWritable(true, false);
        dir.toFile().setExecutable(true, false);
        dir.toFile().setReadable(true, false);
        config = dir.resolve("mosquitto.conf");
        log = dir.resolve("mosquitto.log");
        port = freePort();
        tls = certs != null;
        StringBuilder conf = new StringBuilder()
                .append("listener ").append(port).append(" 127.0.0.1\n")
                .append(persistent ? persistence() : "persistence false\n")
                .append("log_dest stderr\n")
                .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
                .append("user ").append(System.getProperty("user.name")).append('\n');
        if (certs != null) {
            conf.append("cafile ").append(certs.ca()).append('\n')
                    .append("certfile ").append(certs.serverCert()).append('\n')
                    .append("keyfile ").append(certs.serverKey()).append('\n')
                    .append("require_certificate true\n");
        }
        if (username == null) {
            conf.append("allow_anonymous true\n");
        } else {
            Path passwords = dir.resolve("passwd");
            runPasswd(passwords, username, password, true);
            conf.append("allow_anonymous false\npassword_file ").append(passwords).append('\n');
        }
        Files.writeString(config, conf);
    }

    /**
     * Broker with several users (password file made with mosquitto_passwd) and an ACL file ({@code acl_file}),
     * optionally with persistence.
     */
    public static Mosquitto startWithAcl(Map<String, String> users, String acl, boolean persistent) {
        try {
            Map.Entry<String, String> first = users.entrySet().iterator().next();
            Mosquitto m = new Mosquitto(first.getKey(), first.getValue(), persistent);
            Path passwords = m.dir.resolve("passwd");
            for (Map.Entry<String, String> u : users.entrySet()) {
                runPasswd(passwords, u.getKey(), u.getValue(), false);
            }
            Path aclFile = m.dir.resolve("acl");
            Files.writeString(aclFile, acl);
            Files.writeString(m.config, "acl_file " + aclFile + "\n", java.nio.file.StandardOpenOption.APPEND);
            m.restart();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Anonymous broker, already accepting connections. */
    public static Mosquitto start() {
        return startWith(null, null, false);
    }

    /** Broker that requires this username and password. */
    public static Mosquitto startWithUser(String username, String password) {
        return startWith(username, password, false);
    }

    /**
     * Anonymous broker that saves sessions, subscriptions and queued messages on {@link #stop()} and restores
     * them on {@link #restart()}, so a persistent subscriber ({@link MqttProbe#durable}) misses nothing over a
     * broker restart.
     */
    public static Mosquitto startPersistent() {
        return startWith(null, null, true);
    }

    /**
     * TLS-only broker (server certificate from {@code certs}, client certificates required) that also requires
     * this username and password.
     */
    public static Mosquitto startTls(TestCerts certs, String username, String password) {
        try {
            Mosquitto m = new Mosquitto(username, password, false, certs);
            m.restart();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String persistence() {
        return "persistence true\npersistence_location " + dir + "/\nmax_queued_messages 100000\n"
                + "max_inflight_messages 20\n";
    }

    private static Mosquitto startWith(String username, String password, boolean persistent) {
        try {
            Mosquitto m = new Mosquitto(username, password, persistent);
            m.restart();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return (tls ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** (Re)starts on the same port and waits until the port accepts TCP connections. No-op if running. */
    public synchronized void restart() {
        if (running()) {
            return;
        }
        try {
            process = new ProcessBuilder(BINARY.toString(), "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + BINARY, e);
        }
        Process p = process;
        await("mosquitto accepting on 127.0.0.1:" + port).atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with " + p.exitValue() + ":\n" + log());
                    }
                    return accepts();
                });
    }

    /** Graceful stop (SIGTERM), then SIGKILL after a bounded wait. */
    public synchronized void stop() {
        end(false);
    }

    /** Abrupt stop (SIGKILL), e.g. to simulate a broker crash. */
    public synchronized void kill() {
        end(true);
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // temp dir cleanup is best effort
        }
    }

    private void end(boolean forcibly) {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        if (forcibly) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        try {
            if (!p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void runPasswd(Path file, String username, String password, boolean create) throws IOException {
        requireExecutable(PASSWD);
        List<String> cmd = create ? List.of(PASSWD.toString(), "-c", "-b", file.toString(), username, password)
                : List.of(PASSWD.toString(), "-b", file.toString(), username, password);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true).start();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("mosquitto_passwd failed: " + new String(p.getInputStream()
                        .readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running mosquitto_passwd", e);
        }
    }

    private static void requireExecutable(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " not found: install the Debian package 'mosquitto' "
                    + "(apt-get install mosquitto) to run the MQTT integration tests");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
