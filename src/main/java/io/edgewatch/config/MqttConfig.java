package io.edgewatch.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param url             broker URL (tcp://host:port or ssl://host:port); empty = start the embedded broker
 * @param embeddedHost    bind address of the embedded broker (default 127.0.0.1)
 * @param embeddedPort    port of the embedded broker (default 1883; 0 = any free port)
 * @param topicPrefix     first topic level, default "edgewatch"
 * @param clientId        MQTT client id; empty = "edgewatch-" + device name
 * @param username        optional, may come from ${ENV}
 * @param password        optional, may come from ${ENV}
 * @param qos             0 or 1 for events
 * @param outboxPath      SQLite file holding events until the broker acknowledged them
 * @param outboxMaxEvents events kept at most in the outbox (oldest dropped and counted)
 * @param outboxMaxAge    events older than this are dropped from the outbox (counted)
 * @param security        password file, CA and client certificate files; {@link MqttSecurity#NONE} = none
 * @param outboxMaxBytes  bytes the outbox keeps at most (payload and row overhead; oldest dropped and counted)
 */
public record MqttConfig(String url, String embeddedHost, int embeddedPort, String topicPrefix, String clientId,
                         String username, String password, int qos, Path outboxPath, int outboxMaxEvents,
                         Duration outboxMaxAge, MqttSecurity security, long outboxMaxBytes) {
    public MqttConfig {
        security = security == null ? MqttSecurity.NONE : security;
    }

    /** With the default outbox byte bound. */
    public MqttConfig(String url, String embeddedHost, int embeddedPort, String topicPrefix, String clientId,
                      String username, String password, int qos, Path outboxPath, int outboxMaxEvents,
                      Duration outboxMaxAge, MqttSecurity security) {
        this(url, embeddedHost, embeddedPort, topicPrefix, clientId, username, password, qos, outboxPath,
                outboxMaxEvents, outboxMaxAge, security, DEFAULT_OUTBOX_MAX_BYTES);
    }

    /** Without TLS files. */
    public MqttConfig(String url, String embeddedHost, int embeddedPort, String topicPrefix, String clientId,
                      String username, String password, int qos, Path outboxPath, int outboxMaxEvents,
                      Duration outboxMaxAge) {
        this(url, embeddedHost, embeddedPort, topicPrefix, clientId, username, password, qos, outboxPath,
                outboxMaxEvents, outboxMaxAge, MqttSecurity.NONE);
    }

    public static final Path DEFAULT_OUTBOX = Path.of("state", "outbox.db");
    public static final int DEFAULT_OUTBOX_MAX_EVENTS = 50_000;
    public static final Duration DEFAULT_OUTBOX_MAX_AGE = Duration.ofHours(48);
    /** 64 MiB: days of events for a busy camera, a small share of any SD card. */
    public static final long DEFAULT_OUTBOX_MAX_BYTES = 64L << 20;

    /** Connection settings only; the outbox settings take their defaults. */
    public MqttConfig(String url, String embeddedHost, int embeddedPort, String topicPrefix, String clientId,
                      String username, String password, int qos) {
        this(url, embeddedHost, embeddedPort, topicPrefix, clientId, username, password, qos, DEFAULT_OUTBOX,
                DEFAULT_OUTBOX_MAX_EVENTS, DEFAULT_OUTBOX_MAX_AGE, MqttSecurity.NONE);
    }

    public String passwordFile() {
        return security.passwordFile();
    }

    public String tlsCaFile() {
        return security.caFile();
    }

    public String tlsCertFile() {
        return security.certFile();
    }

    public String tlsKeyFile() {
        return security.keyFile();
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }

    @Override
    public String toString() {
        return "MqttConfig[url=" + url + ", topicPrefix=" + topicPrefix + ", clientId=" + clientId
                + ", username=" + username + ", password=" + (password == null || password.isEmpty() ? "" : "***")
                + ", outbox=" + outboxPath + ", " + security + "]";
    }
}
