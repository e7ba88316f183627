package io.edgewatch.schedule;

import io.edgewatch.detect.Detection;
import io.edgewatch.ingest.PixelFormat;
import io.edgewatch.ingest.VideoFrame;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The last few detected frames (copies) with what the serving model found in them: what a candidate model is
 * tried on before a hot-swap, and the reference its agreement is measured against. Bounded in count and sampled
 * at most once per {@code minGapNanos}, so memory stays at a few frames whatever the camera resolution or rate.
 * Frames wider or taller than {@code 2 × MAX_SIDE} are kept shrunk by a whole factor (box average) to a long side
 * between {@code MAX_SIDE} and twice that: detector inputs are smaller still, detections are in normalised
 * coordinates, and both models of a trial see the same pixels (8 kept 720p frames: 5.5 MB instead of 22 MB).
 * Unshrunk frames are kept as they came (an I420 frame as I420); shrunk ones as BGR.
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

    /** Kept frames are shrunk by the largest whole factor that leaves their long side at least this. */
    static final int MAX_SIDE = 640;

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
        int factor = Math.max(1, Math.max(f.width(), f.height()) / MAX_SIDE);
        int w = f.width() / factor;
        int h = f.height() / factor;
        // Unshrunk frames keep their format (I420: half a BGR copy and no conversion on this thread).
        PixelFormat format = factor == 1 ? f.format() : PixelFormat.BGR24;
        int size = format.bytes(w, h);
        byte[] pixels = null;
        synchronized (ring) {
            if (ring.size() == capacity) {
                Kept old = ring.removeFirst();
                VideoFrame of = old.sample.frame();
                if (!old.lent && of.format() == format && of.pixels().length == size) {
                    pixels = of.pixels();
                }
            }
        }
        if (pixels == null) {
            pixels = new byte[size];
        }
        if (factor == 1) {
            System.arraycopy(f.pixels(), 0, pixels, 0, size);
        } else {
            shrink(f.bgr(), f.width(), factor, pixels, w, h); // an I420 frame's conversion: at most one per gap
        }
        VideoFrame copy = new VideoFrame(f.camera(), f.sequence(), f.decodedNanos(), f.captureTime(), w, h, format,
                pixels);
        Kept k = new Kept(new Sample(copy, List.copyOf(detections)));
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(k);
        }
    }

    /** Averages each k×k block of packed BGR {@code src} (width {@code srcWidth}) into one pixel of {@code dst}. */
    static void shrink(byte[] src, int srcWidth, int k, byte[] dst, int w, int h) {
        int area = k * k;
        int[] sum = new int[w * 3];
        for (int y = 0; y < h; y++) {
            Arrays.fill(sum, 0);
            for (int dy = 0; dy < k; dy++) {
                int p = (y * k + dy) * srcWidth * 3;
                for (int x = 0, a = 0; x < w; x++, a += 3) {
                    for (int dx = 0; dx < k; dx++, p += 3) {
                        sum[a] += src[p] & 0xFF;
                        sum[a + 1] += src[p + 1] & 0xFF;
                        sum[a + 2] += src[p + 2] & 0xFF;
                    }
                }
            }
            int o = y * w * 3;
            for (int i = 0; i < sum.length; i++) {
                dst[o + i] = (byte) ((sum[i] + area / 2) / area);
            }
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
