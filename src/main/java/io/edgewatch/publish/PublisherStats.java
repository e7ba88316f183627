package io.edgewatch.publish;

/**
 * Counters of one {@link MqttPublisher}, a consistent-enough snapshot for logs, metrics and tests.
 *
 * @param accepted  events taken by {@link MqttPublisher#publish}
 * @param published events acknowledged by the broker (QoS 1) or written to the socket (QoS 0)
 * @param dropped   events dropped because the queue was full (oldest first) or the publisher was closed
 * @param failed    events the client rejected or whose delivery failed
 * @param connects  successful connects, the first one included
 * @param queued    events waiting now
 * @param connected client connected now
 */
public record PublisherStats(long accepted, long published, long dropped, long failed, long connects, int queued,
                             boolean connected) {}
