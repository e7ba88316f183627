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

    /** A kept sample; once handed out by {@link #snapshot} its pixels are never reused. */
    private static final class Kept {
        final Sample sample;
        boolean lent;

        Kept(Sample sample) {
            this.sample = sample;
        }
    }

    private final int capacity;
    private final long minGapNanos;
    private final ArrayDeque<Kept> ring;
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

    /**
     * Detect thread: keeps a copy of the frame unless one was kept less than the gap ago; evicts the oldest. The
     * evicted frame's pixel array takes the copy when nobody was handed it: a 720p frame a second would otherwise
     * be 2.7 MB/s of garbage that lives long enough to be promoted (heap growth and long young pauses).
     */
    public void offer(VideoFrame f, List<Detection> detections, long nowNanos) {
        if (lastNanos != Long.MIN_VALUE && nowNanos - lastNanos < minGapNanos) {
            return;
        }
        lastNanos = nowNanos;
        byte[] pixels = null;
        synchronized (ring) {
            if (ring.size() == capacity) {
                Kept old = ring.removeFirst();
                if (!old.lent && old.sample.frame().bgr().length == f.bgr().length) {
                    pixels = old.sample.frame().bgr();
                }
            }
        }
        if (pixels == null) {
            pixels = new byte[f.bgr().length];
        }
        System.arraycopy(f.bgr(), 0, pixels, 0, pixels.length);
        VideoFrame copy = new VideoFrame(f.camera(), f.sequence(), f.decodedNanos(), f.captureTime(), f.width(),
                f.height(), pixels);
        Kept k = new Kept(new Sample(copy, List.copyOf(detections)));
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(k);
        }
    }

    /** How many samples are kept now (hands nothing out). */
    public int size() {
        synchronized (ring) {
            return ring.size();
        }
    }

    /** The kept samples, oldest first (a copy of the list; these frames are never modified afterwards). */
    public List<Sample> snapshot() {
        synchronized (ring) {
            ring.forEach(k -> k.lent = true);
            return ring.stream().map(k -> k.sample).toList();
        }
    }

    /** The newest kept frame without handing it out: its pixels may be reused, so callers must not keep it. */
    VideoFrame peekNewest() {
        synchronized (ring) {
            return ring.isEmpty() ? null : ring.getLast().sample.frame();
        }
    }

    /** Forgets everything (after a swap the references belong to the old model). */
    public void clear() {
        synchronized (ring) {
            ring.clear();
        }
    }
}
