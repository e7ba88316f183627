package io.edgewatch.schedule;

import io.edgewatch.ingest.LatestFrameMailbox;
import io.edgewatch.ingest.VideoFrame;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * One camera as the scheduler sees it: how often to detect, its weight in the device budget, an optional motion
 * gate, and where to take its newest frame from ({@code latest} returns the newest undelivered frame or null,
 * the ingest mailbox's poll). Counters are readable from any thread; the rest belongs to the detect thread.
 */
public final class CameraSlot {
    /** Why a due detection did not happen; metric label is the lower-case name. */
    public enum Skip {
        /** The device budget lowered this camera's rate below its detect_fps. */
        BUDGET,
        /** The newest frame was older than one detect interval (decoder behind or stream stalled). */
        STALE,
        /** The motion gate saw no motion and no refresh was due. */
        NO_MOTION,
        /** No new frame when one was due: stream down, reconnecting, or not decoding (once per interval). */
        NO_FRAME,
        /** The detector threw. */
        DETECT_ERROR
    }

    private final String camera;
    private volatile double weight;
    private volatile MotionGate gate;
    private final Supplier<VideoFrame> latest;
    private final Consumer<VideoFrame> release;
    private final LongConsumer opens;
    private volatile long intervalNanos;
    private final AtomicLong detected = new AtomicLong();
    private final Map<Skip, AtomicLong> skipped = new EnumMap<>(Skip.class);
    private volatile double effectiveFps;
    /** When this camera's slot opens (its next detection is due); set through {@link #openAt}. */
    long dueNanos;
    /** A due frame taken from the mailbox, waiting while another camera is served. */
    VideoFrame pending;
    /** Until when a missing frame is already counted (one no_frame per detect interval). */
    long missCountedUntil = Long.MIN_VALUE;
    /** Last look found a usable frame: only such cameras take part in the budget split. */
    boolean active = true;
    /** Requested detections the budget dropped, as a fraction not yet counted. */
    double budgetCredit;

    public CameraSlot(String camera, double detectFps, Supplier<VideoFrame> latest) {
        this(camera, detectFps, 1.0, null, latest);
    }

    /** @param gate motion gate, or null for none */
    public CameraSlot(String camera, double detectFps, double weight, MotionGate gate, Supplier<VideoFrame> latest) {
        this(camera, detectFps, weight, gate, latest, f -> { });
    }

    /** @param release takes back a frame the loop is done with (the mailbox's buffer reuse) */
    public CameraSlot(String camera, double detectFps, double weight, MotionGate gate, Supplier<VideoFrame> latest,
                      Consumer<VideoFrame> release) {
        this(camera, detectFps, weight, gate, latest, release, nanos -> { });
    }

    /**
     * A camera fed by an ingest mailbox: frames are taken from it and given back to it, and it is told when the slot
     * opens next, so frames decoded before then are not even converted.
     */
    public CameraSlot(String camera, double detectFps, double weight, MotionGate gate, LatestFrameMailbox mailbox) {
        this(camera, detectFps, weight, gate, mailbox::poll, mailbox::release, mailbox::wantFrom);
    }

    private CameraSlot(String camera, double detectFps, double weight, MotionGate gate, Supplier<VideoFrame> latest,
                       Consumer<VideoFrame> release, LongConsumer opens) {
        this.release = Objects.requireNonNull(release, "release");
        this.opens = opens;
        this.camera = Objects.requireNonNull(camera, "camera");
        this.latest = Objects.requireNonNull(latest, "latest");
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be positive: " + weight);
        }
        this.weight = weight;
        this.gate = gate;
        setDetectFps(detectFps);
        this.effectiveFps = detectFps;
        for (Skip s : Skip.values()) {
            skipped.put(s, new AtomicLong());
        }
    }

    /** Changes the requested detect rate; applies from the next detection. */
    public void setDetectFps(double detectFps) {
        if (!(detectFps > 0)) {
            throw new IllegalArgumentException("detectFps must be positive: " + detectFps);
        }
        this.intervalNanos = Math.round(1e9 / detectFps);
    }

    /** Changes the share of the budget (live reload); the next allocation uses it. */
    public void setWeight(double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be positive: " + weight);
        }
        this.weight = weight;
    }

    /** Replaces the motion gate (null: none); call between loop passes, the gate belongs to the detect thread. */
    public void setGate(MotionGate gate) {
        this.gate = gate;
    }

    public String camera() { return camera; }
    public long intervalNanos() { return intervalNanos; }
    public double detectFps() { return 1e9 / intervalNanos; }
    public double weight() { return weight; }
    /** The rate the budget currently grants this camera (detections per second). */
    public double effectiveFps() { return effectiveFps; }
    public long detected() { return detected.get(); }
    public long skipped(Skip reason) { return skipped.get(reason).get(); }

    /** Opens this camera's next slot at {@code nanos} and tells its frame source. */
    void openAt(long nanos) {
        dueNanos = nanos;
        opens.accept(nanos);
    }

    MotionGate gate() { return gate; }
    VideoFrame poll() { return latest.get(); }
    void release(VideoFrame frame) { release.accept(frame); }
    void countDetected() { detected.incrementAndGet(); }
    void countSkip(Skip reason) { skipped.get(reason).incrementAndGet(); }
    void setEffectiveFps(double fps) { effectiveFps = fps; }

    /** What this camera asks of the budget now: nothing while it has no frames, the refresh rate while idle. */
    double demandFps() {
        if (!active) {
            return 0;
        }
        double fps = detectFps();
        return gate != null && gate.idle() ? Math.min(fps, gate.refreshFps()) : fps;
    }
}
