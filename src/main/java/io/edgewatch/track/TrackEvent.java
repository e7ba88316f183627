package io.edgewatch.track;

import io.edgewatch.detect.Detection;

/**
 * A change in an object's life seen by the tracker.
 *
 * @param type        NEW once a track is confirmed, UPDATE when it moved or its score rose, END when it is gone
 * @param trackId     per-camera object id, stable for the life of the track
 * @param detection   the latest box and score (for END: the last one seen)
 * @param topScore    the best score seen over the track's life
 * @param firstNanos  monotonic time of the first detection of the track
 * @param lastNanos   monotonic time of the latest detection of the track
 */
public record TrackEvent(Type type, long trackId, Detection detection, float topScore, long firstNanos,
                         long lastNanos) {
    public enum Type { NEW, UPDATE, END }
}
