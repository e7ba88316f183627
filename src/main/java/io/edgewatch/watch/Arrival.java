package io.edgewatch.watch;

import io.edgewatch.event.DetectionEvent;
import java.time.Instant;

/**
 * What the {@link Ledger} made of one received event.
 *
 * @param event      the decoded event
 * @param receivedAt watcher's clock when it arrived
 * @param duplicate  its event_id was seen before (a QoS 1 redelivery or outbox replay: harmless)
 * @param order      position on its camera's seq stream (meaningless for a duplicate)
 * @param gapSize    seqs newly found missing before this one (order GAP)
 * @param skewMillis receipt time minus the box's published_time
 * @param skewed     |skewMillis| is beyond the threshold
 */
public record Arrival(DetectionEvent event, Instant receivedAt, boolean duplicate, StreamSeq.Order order,
                      long gapSize, long skewMillis, boolean skewed) {

    /** Device/camera key of the event's stream. */
    public String stream() {
        return event.device() + "/" + event.camera();
    }

    /** One word for the printout: event, duplicate, gap, late, repeat. */
    public String kind() {
        if (duplicate) {
            return "duplicate";
        }
        return switch (order) {
            case FIRST, NEXT -> "event";
            case GAP -> "gap";
            case LATE -> "late";
            case REPEAT -> "repeat";
        };
    }
}
