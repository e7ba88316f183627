package io.edgewatch.publish;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process MQTT v3.1.1/v5 broker (HiveMQ CE embedded) for the zero-setup default run. In-memory persistence,
 * no usage statistics, one TCP listener. Anonymous clients are accepted unless a username is given, in which case
 * exactly that username/password pair is required. Start and stop are idempotent.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long START_TIMEOUT_S = 30;
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final String host;
    private final int requestedPort;
    private final String username;
    private final String password;
    private EmbeddedHiveMQ hivemq;
    private Path workDir;
    private int boundPort = -1;

    /** @param port 0 picks a free port; see {@link #port()} after {@link #start()} */
    public EmbeddedBroker(String host, int port, String username, String password) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        this.host = host;
        this.requestedPort = port;
        this.username = username == null || username.isEmpty() ? null : username;
        this.password = password == null ? "" : password;
    }

    public EmbeddedBroker(String host, int port) {
        this(host, port, null, null);
    }

    public synchronized void start() {
        if (hivemq != null) {
            return;
        }
        if (!installed()) {
            throw new IllegalStateException("the embedded MQTT broker is not installed here (no lib-broker/ beside"
                    + " edgewatch.jar, as in the Debian package): set mqtt.url to a broker, e.g. tcp://127.0.0.1:1883");
        }
        int attempts = requestedPort == 0 ? FREE_PORT_ATTEMPTS : 1;
        for (int i = 1; ; i++) {
            int port = requestedPort == 0 ? freePort(host) : requestedPort;
            try {
                startOn(port);
                return;
            } catch (RuntimeException e) {
                cleanUp();
                if (i >= attempts) {
                    throw new IllegalStateException("embedded MQTT broker failed to start on " + host + ":" + port, e);
                }
                LOG.warn("embedded broker could not start on free port {}, retrying: {}", port, e.toString());
            }
        }
    }

    /** True when HiveMQ's jars are on the classpath (source checkout, Docker image; not the Debian package). */
    public static boolean installed() {
        try {
            Class.forName("com.hivemq.embedded.EmbeddedHiveMQ", false, EmbeddedBroker.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The bound TCP port; only valid while started. */
    public synchronized int port() {
        if (hivemq == null) {
            throw new IllegalStateException("broker is not started");
        }
        return boundPort;
    }

    public String host() {
        return host;
    }

    public synchronized String url() {
        return "tcp://" + host + ":" + port();
    }

    public synchronized boolean running() {
        return hivemq != null;
    }

    public synchronized void stop() {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("embedded broker did not stop cleanly: {}", e.toString());
        }
        cleanUp();
        LOG.info("embedded MQTT broker stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private void startOn(int port) {
        try {
            workDir = Files.createTempDirectory("edgewatch-broker-");
            Path conf = Files.createDirectories(workDir.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), configXml(port));
            hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(workDir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(workDir.resolve("extensions")))
                    .withEmbeddedExtension(authExtension())
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
        }
        boundPort = port;
        LOG.info("embedded MQTT broker listening on {}:{}", host, port);
    }

    private String configXml(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>
                  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, host);
    }

    private EmbeddedExtension authExtension() {
        SimpleAuthenticator auth = (in, out) -> {
            if (username == null || credentialsMatch(in.getConnectPacket().getUserName().orElse(null),
                    in.getConnectPacket().getPassword().orElse(null))) {
                out.authenticateSuccessfully();
            } else {
                out.failAuthentication();
            }
        };
        ExtensionMain main = new ExtensionMain() {
            @Override
            public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
                Services.securityRegistry().setAuthenticatorProvider(providerInput -> auth);
            }

            @Override
            public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}
        };
        return EmbeddedExtension.builder().withId("edgewatch-auth").withName("edgewatch auth")
                .withVersion("1").withAuthor("edgewatch").withPriority(0).withStartPriority(1000)
                .withExtensionMain(main).build();
    }

    private boolean credentialsMatch(String user, ByteBuffer pass) {
        if (!Objects.equals(username, user) || pass == null) {
            return false;
        }
        byte[] given = new byte[pass.remaining()];
        pass.duplicate().get(given);
        return java.security.MessageDigest.isEqual(given, password.getBytes(StandardCharsets.UTF_8));
    }

    private void cleanUp() {
        if (hivemq != null) {
            try {
                hivemq.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | RuntimeException e) {
                LOG.debug("closing embedded broker: {}", e.toString());
            }
        }
        hivemq = null;
        boundPort = -1;
        deleteTree(workDir);
        workDir = null;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }

    /** Asks the OS for a free port; another process could take it before the broker binds, hence the retries. */
    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
