package io.edgewatch.publish;

import java.util.Locale;

/**
 * Why a message handed from another thread to the publisher thread (snapshot, retained update) was dropped; the
 * {@code reason} tag of {@code edgewatch.mqtt.handoff.dropped}. Events never take this path: they wait in the outbox.
 */
public enum HandoffDrop {
    /** The snapshot queue was full: the oldest waiting snapshot was dropped. */
    SNAPSHOT_QUEUE_FULL,
    /** The snapshot worker was still busy with earlier snapshots: the new one was dropped (detect never waits). */
    SNAPSHOT_WORKER_FULL,
    /** Not connected when the snapshot was offered or due: snapshots are not kept for later. */
    SNAPSHOT_OFFLINE,
    /** The client refused the snapshot publish. */
    SNAPSHOT_ERROR,
    /** The snapshot was offered after close, or was still waiting when the publisher stopped. */
    SNAPSHOT_CLOSED,
    /** A retained topic beyond the configured number of retained topics. */
    RETAINED_TOPICS_FULL;

    /** The metric tag value, e.g. {@code snapshot_queue_full}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
