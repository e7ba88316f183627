package io.edgewatch.track;

import io.edgewatch.detect.Detection;
import java.util.List;

/**
 * A change in an object's life seen by the tracker.
 *
 * @param type        NEW once a track is confirmed, UPDATE when it moved, its score rose or its zones changed,
 *                    END when it is gone
 * @param trackId     per-camera object id, stable for the life of the track
 * @param detection   the latest box and score (for END: the last one seen)
 * @param topScore    the best score seen over the track's life
 * @param firstNanos  monotonic time of the first detection of the track
 * @param lastNanos   monotonic time of the latest detection of the track
 * @param zones       zones the object is in after this event (empty for END), in configuration order
 * @param entered     zones entered with this event (NEW: all it is in)
 * @param left        zones left with this event (END: all it was in)
 */
public record TrackEvent(Type type, long trackId, Detection detection, float topScore, long firstNanos,
                         long lastNanos, List<String> zones, List<String> entered, List<String> left) {
    public enum Type { NEW, UPDATE, END }

    public TrackEvent {
        zones = List.copyOf(zones);
        entered = List.copyOf(entered);
        left = List.copyOf(left);
    }

    /** Without zones. */
    public TrackEvent(Type type, long trackId, Detection detection, float topScore, long firstNanos,
                      long lastNanos) {
        this(type, trackId, detection, topScore, firstNanos, lastNanos, List.of(), List.of(), List.of());
    }
}
