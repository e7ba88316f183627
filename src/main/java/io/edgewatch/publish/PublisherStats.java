package io.edgewatch.publish;

import java.util.Map;

/**
 * Counters of one {@link MqttPublisher}, a consistent-enough snapshot for logs, metrics and tests.
 *
 * @param accepted      events taken by {@link MqttPublisher#publish}
 * @param published     events acknowledged by the broker (QoS 1) or written to the socket (QoS 0)
 * @param dropped       events dropped because the queue was full (oldest first) or the publisher was closed
 * @param failed        events the client rejected or whose delivery failed
 * @param connects      successful connects, the first one included
 * @param queued        events waiting now
 * @param connected     client connected now
 * @param snapshotsSent snapshots handed to the client
 * @param handoffDrops  snapshots and retained messages dropped on their way to the publisher thread, every reason
 */
public record PublisherStats(long accepted, long published, long dropped, long failed, long connects, int queued,
                             boolean connected, long snapshotsSent, Map<HandoffDrop, Long> handoffDrops) {
    public PublisherStats {
        handoffDrops = Map.copyOf(handoffDrops);
    }

    /** Drops for one reason (0 if none). */
    public long handoffDropped(HandoffDrop reason) {
        return handoffDrops.getOrDefault(reason, 0L);
    }
}
