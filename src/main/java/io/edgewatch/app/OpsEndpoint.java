package io.edgewatch.app;

import io.edgewatch.config.MetricsConfig;
import io.edgewatch.metrics.HealthChecks;
import io.edgewatch.metrics.MeterBindings;
import io.edgewatch.metrics.OpsHttpServer;
import io.edgewatch.metrics.OpsMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics registry (kept for the whole run, so counters survive a rebind) and the HTTP endpoint serving it
 * with /health and /ready. A reload that changes {@code metrics} opens the new endpoint first and closes the old
 * one after, so a port that cannot be bound leaves the old endpoint serving.
 */
final class OpsEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsEndpoint.class);

    private final OpsMetrics metrics;
    private final HealthChecks health;
    private volatile OpsHttpServer server;

    OpsEndpoint(OpsMetrics metrics, HealthChecks health) {
        this.metrics = metrics;
        this.health = health;
    }

    MeterBindings bindings() {
        return new MeterBindings(metrics);
    }

    /** Opens (or, when disabled, closes) the endpoint for {@code config}. */
    void bind(MetricsConfig config) {
        OpsHttpServer old = server;
        OpsHttpServer fresh = null;
        if (config.enabled()) {
            try {
                fresh = new OpsHttpServer(config.host(), config.port(), metrics.registry(), health);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port()
                        + " (metrics.host/metrics.port)", e);
            }
            fresh.start();
        } else if (old != null) {
            log.info("metrics endpoint off (metrics.enabled: false)");
        }
        server = fresh;
        if (old != null) {
            old.close();
        }
    }

    /** Port of /metrics, /health and /ready, or -1 when off. */
    int port() {
        OpsHttpServer s = server;
        return s == null ? -1 : s.port();
    }

    @Override
    public void close() {
        OpsHttpServer s = server;
        if (s != null) {
            s.close();
        }
        metrics.close();
    }
}
