package io.edgewatch.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's built-in HTTP server (no extra dependency) on one named thread: {@code GET /metrics} (Prometheus text),
 * {@code /health} and {@code /ready} (JSON, 200 when up, 503 when down). Requests beyond a small bounded queue are
 * rejected rather than piling up on a busy box. A handler that throws is answered 500 and the server goes on.
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsHttpServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final int QUEUE = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();

    public OpsHttpServer(String host, int port, PrometheusMeterRegistry registry, HealthChecks health)
            throws IOException {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(health, "health");
        server = HttpServer.create(new InetSocketAddress(host, port), 8);
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE), r -> {
            Thread t = new Thread(r, "ops-http");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> handle(ex, () -> text(registry.scrape())));
        server.createContext("/health", ex -> handle(ex, () -> health(health.liveness())));
        server.createContext("/ready", ex -> handle(ex, () -> health(health.readiness())));
    }

    private record Reply(int status, String contentType, byte[] body) {}

    public void start() {
        server.start();
        log.info("metrics and health on http://{}:{}/ (/metrics, /health, /ready)",
                server.getAddress().getHostString(), port());
    }

    /** The bound port (the real one when configured with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Asks this server for {@code HEAD /health} on a fresh connection. @return true if an HTTP status line came
     * back within {@code timeout} (any status: a DOWN daemon still has a working endpoint)
     */
    public boolean answers(Duration timeout) {
        InetSocketAddress bound = server.getAddress();
        InetAddress host = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress()
                : bound.getAddress();
        int millis = (int) timeout.toMillis();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, bound.getPort()), millis);
            s.setSoTimeout(millis);
            s.getOutputStream().write("HEAD /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return "HTTP/".equals(new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static Reply text(String body) {
        return new Reply(200, PROMETHEUS_TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    private Reply health(HealthChecks.Result r) throws IOException {
        return new Reply(r.up() ? 200 : 503, "application/json", json.writeValueAsBytes(r.body()));
    }

    @FunctionalInterface
    private interface Handler {
        Reply get() throws IOException;
    }

    private void handle(HttpExchange ex, Handler handler) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            Reply r;
            try {
                r = handler.get();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", ex.getRequestURI(), e.toString());
                r = new Reply(500, "text/plain", String.valueOf(e).getBytes(StandardCharsets.UTF_8));
            }
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            boolean head = "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(r.status(), head ? -1 : r.body().length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            }
        }
    }

    /** Stops at once: a scrape cut off at shutdown costs nothing, and JDK 17's stop(n) always waits n seconds. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
