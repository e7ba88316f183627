package io.edgewatch.schedule;

import io.edgewatch.detect.Detection;
import io.edgewatch.ingest.VideoFrame;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The last few detected frames (copies) with what the serving model found in them: what a candidate model is
 * tried on before a hot-swap, and the reference its agreement is measured against. Bounded in count and sampled
 * at most once per {@code minGapNanos}, so memory stays at a few frames whatever the camera resolution or rate.
 */
public final class RecentFrames {
    /** One frame and the serving model's detections in it. */
    public record Sample(VideoFrame frame, List<Detection> detections) { }

    private final int capacity;
    private final long minGapNanos;
    private final ArrayDeque<Sample> ring;
    private long lastNanos = Long.MIN_VALUE;

    public RecentFrames(int capacity, long minGapNanos) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        if (minGapNanos < 0) {
            throw new IllegalArgumentException("minGapNanos must not be negative: " + minGapNanos);
        }
        this.capacity = capacity;
        this.minGapNanos = minGapNanos;
        this.ring = new ArrayDeque<>(capacity);
    }

    /** Detect thread: keeps a copy of the frame unless one was kept less than the gap ago; evicts the oldest. */
    public void offer(VideoFrame f, List<Detection> detections, long nowNanos) {
        if (lastNanos != Long.MIN_VALUE && nowNanos - lastNanos < minGapNanos) {
            return;
        }
        lastNanos = nowNanos;
        VideoFrame copy = new VideoFrame(f.camera(), f.sequence(), f.decodedNanos(), f.captureTime(), f.width(),
                f.height(), f.bgr().clone());
        Sample s = new Sample(copy, List.copyOf(detections));
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(s);
        }
    }

    /** The kept samples, oldest first (a copy of the list; the frames are never modified). */
    public List<Sample> snapshot() {
        synchronized (ring) {
            return List.copyOf(ring);
        }
    }

    /** Forgets everything (after a swap the references belong to the old model). */
    public void clear() {
        synchronized (ring) {
            ring.clear();
        }
    }
}
