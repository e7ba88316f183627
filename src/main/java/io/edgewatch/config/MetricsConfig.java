package io.edgewatch.config;

/**
 * The operations HTTP endpoint: Prometheus text at /metrics, liveness at /health, readiness at /ready.
 *
 * @param enabled false = no HTTP server at all
 * @param host    bind address (default 127.0.0.1: loopback only)
 * @param port    TCP port (default 9464; 0 = any free port, for tests)
 */
public record MetricsConfig(boolean enabled, String host, int port) {
    public static final int DEFAULT_PORT = 9464;

    public static MetricsConfig defaults() {
        return new MetricsConfig(true, "127.0.0.1", DEFAULT_PORT);
    }
}
