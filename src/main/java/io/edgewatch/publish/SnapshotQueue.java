package io.edgewatch.publish;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot JPEGs handed from the detect thread to the publisher thread. Bounded: when full the oldest waiting
 * snapshot is dropped (a newer picture is worth more); every drop is counted by reason. Snapshots go out QoS 0,
 * retained (the latest per camera), only while connected: they are never kept for a later connection.
 */
final class SnapshotQueue {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotQueue.class);

    private record Snapshot(String camera, byte[] jpeg) {}

    private final BlockingQueue<Snapshot> queue;
    private final MqttTopics topics;
    private final HandoffDrops drops;
    private final AtomicLong sent = new AtomicLong();

    SnapshotQueue(int capacity, MqttTopics topics, HandoffDrops drops) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.topics = topics;
        this.drops = drops;
    }

    /** Any thread. @return true if queued (an older snapshot may have been dropped for it) */
    boolean offer(String camera, byte[] jpeg) {
        Snapshot s = new Snapshot(camera, jpeg.clone());
        while (!queue.offer(s)) {
            if (queue.poll() != null) {
                drops.count(HandoffDrop.SNAPSHOT_QUEUE_FULL);
            }
        }
        return true;
    }

    /** Publishes what is queued (publisher thread only); a failed publish is dropped, not retried. */
    void sendQueued(MqttAsyncClient client) {
        for (Snapshot s = queue.poll(); s != null; s = queue.poll()) {
            try {
                client.publish(topics.snapshot(s.camera), s.jpeg, 0, true);
                sent.incrementAndGet();
            } catch (MqttException e) {
                drops.count(client.isConnected() ? HandoffDrop.SNAPSHOT_ERROR : HandoffDrop.SNAPSHOT_OFFLINE);
                LOG.debug("snapshot for {} dropped: {}", s.camera, e.toString());
            }
        }
    }

    /** Drops everything queued, counted under {@code reason} (disconnected, or stopping). */
    void dropQueued(HandoffDrop reason) {
        while (queue.poll() != null) {
            drops.count(reason);
        }
    }

    long sent() {
        return sent.get();
    }
}
