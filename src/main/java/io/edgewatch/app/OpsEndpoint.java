package io.edgewatch.app;

import io.edgewatch.config.MetricsConfig;
import io.edgewatch.metrics.HealthChecks;
import io.edgewatch.metrics.MeterBindings;
import io.edgewatch.metrics.OpsHttpServer;
import io.edgewatch.metrics.OpsMetrics;
import io.edgewatch.util.Supervisor;
import io.edgewatch.util.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics registry (kept for the whole run, so counters survive a rebind) and the HTTP endpoint serving it
 * with /health and /ready. A reload that changes {@code metrics} opens the new endpoint first and closes the old
 * one after, so a port that cannot be bound leaves the old endpoint serving.
 *
 * <p>Supervised as {@code ops-http}: a request whose handler throws is answered 500 by the server and kills
 * nothing; the server "dies" when it stops answering at all (the JDK server's dispatcher thread ended, its socket
 * closed). A watch thread asks the server for {@code HEAD /health} every {@link #CHECK_EVERY}; a server that does
 * not answer is a failure of {@code ops-http}, and the restart opens a fresh server on the same port.
 */
final class OpsEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsEndpoint.class);
    /** Often enough for a Prometheus scrape interval, rare enough to cost nothing. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(30);
    /** A busy single-threaded server on a Pi still answers a HEAD within this. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final OpsMetrics metrics;
    private final HealthChecks health;
    private final MeterBindings bindings;
    private final TimeSource time;
    private final Supervisor supervisor;
    private Thread watch;
    private volatile OpsHttpServer server;
    private volatile MetricsConfig config;
    private volatile boolean closed;

    OpsEndpoint(OpsMetrics metrics, HealthChecks health, TimeSource time) {
        this.metrics = metrics;
        this.health = health;
        this.time = time;
        this.bindings = new MeterBindings(metrics);
        this.supervisor = Supervisor.of("ops-http", this::watch, time);
    }

    /** One set of bindings for the whole run: a group bound again replaces its meters. */
    MeterBindings bindings() {
        return bindings;
    }

    Supervisor supervisor() {
        return supervisor;
    }

    /** Opens (or, when disabled, closes) the endpoint for {@code config}; the first call starts the watch. */
    synchronized void bind(MetricsConfig config) {
        OpsHttpServer old = server;
        OpsHttpServer fresh = null;
        if (config.enabled()) {
            fresh = open(config.host(), config.port());
        } else if (old != null) {
            log.info("metrics endpoint off (metrics.enabled: false)");
        }
        server = fresh;
        this.config = config;
        if (old != null) {
            old.close();
        }
        if (watch == null && !closed) {
            watch = new Thread(supervisor, "ops-http-watch");
            watch.setDaemon(true);
            watch.setUncaughtExceptionHandler((t, e) -> log.error("ops-http watch thread died", e));
            watch.start();
        }
    }

    private OpsHttpServer open(String host, int port) {
        OpsHttpServer s;
        try {
            s = new OpsHttpServer(host, port, metrics.registry(), health);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " (metrics.host/metrics.port)", e);
        }
        s.start();
        return s;
    }

    /** The supervised task: reopens a dead server (after a failure), then checks it until closed. */
    private void watch() {
        reopenIfDead();
        while (!closed) {
            try {
                time.sleepNanos(CHECK_EVERY.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            OpsHttpServer s = server;
            if (s != null && !closed && !s.answers(PROBE_TIMEOUT)) {
                throw new IllegalStateException("metrics endpoint on port " + s.port() + " stopped answering");
            }
        }
    }

    private synchronized void reopenIfDead() {
        OpsHttpServer s = server;
        if (s == null || closed || s.answers(PROBE_TIMEOUT)) {
            return;
        }
        s.close();
        server = open(config.host(), s.port()); // the bound port, also when configured as 0
        log.warn("metrics endpoint had stopped answering; reopened on port {}", s.port());
    }

    /** Port of /metrics, /health and /ready, or -1 when off. */
    int port() {
        OpsHttpServer s = server;
        return s == null ? -1 : s.port();
    }

    /** The server now serving (tests break it to see the watch reopen it). */
    OpsHttpServer server() {
        return server;
    }

    @Override
    public synchronized void close() {
        closed = true;
        supervisor.stop();
        if (watch != null) {
            watch.interrupt();
        }
        OpsHttpServer s = server;
        if (s != null) {
            s.close();
        }
        metrics.close();
    }
}
