package io.edgewatch.schedule;

import io.edgewatch.ingest.VideoFrame;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One camera as the scheduler sees it: how often to detect and where to take its newest frame from.
 * {@code latest} returns the newest undelivered frame or null (the ingest mailbox's poll).
 */
public final class CameraSlot {
    /** Why a due detection did not happen. */
    public enum Skip { NO_FRAME, STALE, DETECT_ERROR }

    private final String camera;
    private volatile long intervalNanos;
    private final Supplier<VideoFrame> latest;
    private final AtomicLong detected = new AtomicLong();
    private final Map<Skip, AtomicLong> skipped = new EnumMap<>(Skip.class);
    long dueNanos;

    public CameraSlot(String camera, double detectFps, Supplier<VideoFrame> latest) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.latest = Objects.requireNonNull(latest, "latest");
        setDetectFps(detectFps);
        for (Skip s : Skip.values()) {
            skipped.put(s, new AtomicLong());
        }
    }

    /** Changes the detect rate of a running slot (live config reload); applies from the next detection. */
    public void setDetectFps(double detectFps) {
        if (!(detectFps > 0)) {
            throw new IllegalArgumentException("detectFps must be positive: " + detectFps);
        }
        this.intervalNanos = Math.round(1e9 / detectFps);
    }

    public double detectFps() { return 1e9 / intervalNanos; }
    public String camera() { return camera; }
    public long intervalNanos() { return intervalNanos; }
    public long detected() { return detected.get(); }
    public long skipped(Skip reason) { return skipped.get(reason).get(); }

    VideoFrame poll() { return latest.get(); }
    void countDetected() { detected.incrementAndGet(); }
    void countSkip(Skip reason) { skipped.get(reason).incrementAndGet(); }
}
