package io.edgewatch.schedule;

import io.edgewatch.config.MotionConfig;
import java.util.Objects;

/**
 * Decides per due frame whether a camera needs the detector: yes on motion, and without motion once every
 * refresh interval so stationary objects stay tracked. While idle the camera asks the budget only for its
 * refresh rate. Detect thread only.
 */
public final class MotionGate {
    private final MotionDetector detector;
    private final long refreshNanos;
    private long lastDetectNanos;
    private boolean detectedOnce;
    private boolean idle;

    public MotionGate(MotionConfig config) {
        Objects.requireNonNull(config, "config");
        this.detector = new MotionDetector(config.threshold(), config.minArea(), config.masks());
        this.refreshNanos = Math.round(config.refreshSeconds() * 1e9);
    }

    /** A gate for the camera, or null when its motion gate is off. */
    public static MotionGate of(MotionConfig config) {
        return config.enabled() ? new MotionGate(config) : null;
    }

    /** True when this frame should be detected; updates the motion reference either way. */
    boolean admit(io.edgewatch.ingest.VideoFrame frame, long nowNanos) {
        boolean motion = detector.update(frame);
        idle = !motion;
        return motion || !detectedOnce || nowNanos - lastDetectNanos >= refreshNanos;
    }

    void detected(long nowNanos) {
        lastDetectNanos = nowNanos;
        detectedOnce = true;
    }

    /** No motion in the last frame looked at. */
    boolean idle() {
        return idle;
    }

    double refreshFps() {
        return 1e9 / refreshNanos;
    }

    public double lastChangedFraction() {
        return detector.lastChangedFraction();
    }
}
