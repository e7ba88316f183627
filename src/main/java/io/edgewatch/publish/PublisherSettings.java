package io.edgewatch.publish;

import java.time.Duration;

/**
 * Tuning of {@link MqttPublisher}; {@link #defaults()} suits a box on a LAN broker.
 *
 * @param queueCapacity   events waiting for the publisher thread; when full the oldest is dropped and counted
 * @param maxInflight     QoS 1 publishes awaiting PUBACK (keep below the broker's receive maximum, mosquitto: 20)
 * @param reconnectMin    first reconnect delay
 * @param reconnectMax    reconnect delay cap
 * @param connectTimeout  one connect attempt
 * @param keepAlive       MQTT keep-alive; the broker fires the LWT after about 1.5 x this without traffic
 * @param sessionExpiry   broker keeps the session (and unacked QoS 1 messages) this long over a reconnect
 * @param closeTimeout    bound for flushing, "offline" and disconnect on close
 * @param snapshotQueue   snapshots waiting for the publisher thread; when full the oldest is dropped and counted
 * @param retainedTopics  distinct retained topics kept for re-sending; a topic beyond this is dropped and counted
 */
public record PublisherSettings(int queueCapacity, int maxInflight, Duration reconnectMin, Duration reconnectMax,
                                Duration connectTimeout, Duration keepAlive, Duration sessionExpiry,
                                Duration closeTimeout, int snapshotQueue, int retainedTopics) {
    public PublisherSettings {
        requirePositive(queueCapacity, "queueCapacity");
        requirePositive(maxInflight, "maxInflight");
        requirePositive(snapshotQueue, "snapshotQueue");
        requirePositive(retainedTopics, "retainedTopics");
        requirePositive(reconnectMin, "reconnectMin");
        requirePositive(reconnectMax, "reconnectMax");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(keepAlive, "keepAlive");
        requirePositive(closeTimeout, "closeTimeout");
        if (sessionExpiry == null || sessionExpiry.isNegative()) {
            throw new IllegalArgumentException("sessionExpiry must be >= 0: " + sessionExpiry);
        }
    }

    public static PublisherSettings defaults() {
        return new PublisherSettings(1000, 16, Duration.ofSeconds(1), Duration.ofSeconds(60),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5), 4, 4096);
    }

    public PublisherSettings withQueueCapacity(int capacity) {
        return new PublisherSettings(capacity, maxInflight, reconnectMin, reconnectMax, connectTimeout, keepAlive,
                sessionExpiry, closeTimeout, snapshotQueue, retainedTopics);
    }

    public PublisherSettings withReconnect(Duration min, Duration max) {
        return new PublisherSettings(queueCapacity, maxInflight, min, max, connectTimeout, keepAlive, sessionExpiry,
                closeTimeout, snapshotQueue, retainedTopics);
    }

    public PublisherSettings withKeepAlive(Duration keepAlive) {
        return new PublisherSettings(queueCapacity, maxInflight, reconnectMin, reconnectMax, connectTimeout,
                keepAlive, sessionExpiry, closeTimeout, snapshotQueue, retainedTopics);
    }

    /** Bounds of the hand-offs from other threads to the publisher thread. */
    public PublisherSettings withHandoff(int snapshotQueue, int retainedTopics) {
        return new PublisherSettings(queueCapacity, maxInflight, reconnectMin, reconnectMax, connectTimeout,
                keepAlive, sessionExpiry, closeTimeout, snapshotQueue, retainedTopics);
    }

    private static void requirePositive(int n, String field) {
        if (n < 1) {
            throw new IllegalArgumentException(field + " must be positive: " + n);
        }
    }

    private static void requirePositive(Duration d, String field) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive: " + d);
        }
    }
}
