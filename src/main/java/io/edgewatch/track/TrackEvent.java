package io.edgewatch.track;

import io.edgewatch.detect.Detection;
import io.edgewatch.event.EventType;
import io.edgewatch.event.Zones;
import java.util.Objects;

/**
 * A change in an object's life seen by the tracker, in the public event vocabulary ({@link EventType},
 * {@link Zones}) so the event stage passes it on without translating.
 *
 * @param type        NEW once a track is confirmed, UPDATE when it moved, its score rose or its zones changed,
 *                    END when it is gone
 * @param trackId     per-camera object id, stable for the life of the track
 * @param detection   the latest box and score (for END: the last one seen)
 * @param topScore    the best score seen over the track's life
 * @param firstNanos  monotonic time of the first detection of the track
 * @param lastNanos   monotonic time of the latest detection of the track
 * @param zones       zones the object is in after this event (empty for END, in configuration order), entered
 *                    with it (NEW: all it is in) and left with it (END: all it was in)
 */
public record TrackEvent(EventType type, long trackId, Detection detection, float topScore, long firstNanos,
                         long lastNanos, Zones zones) {
    public TrackEvent {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(zones, "zones must not be null");
    }

    /** Without zones. */
    public TrackEvent(EventType type, long trackId, Detection detection, float topScore, long firstNanos,
                      long lastNanos) {
        this(type, trackId, detection, topScore, firstNanos, lastNanos, Zones.NONE);
    }
}
