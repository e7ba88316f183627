package io.edgewatch.schedule;

import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.ingest.VideoFrame;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one detector between cameras: each camera is due every {@code 1/detect_fps}; the most overdue camera
 * goes first, so a slow detector degrades every camera evenly instead of starving one. A frame older than one
 * detect interval is skipped as stale, never detected late.
 */
public final class DetectLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DetectLoop.class);
    /** How long to wait before asking a camera without a new frame again. */
    static final long RETRY_NANOS = 20_000_000L;

    private final Detector detector;
    private final List<CameraSlot> cameras;
    private final DetectionSink sink;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private volatile boolean running = true;

    /** Sleeps for a number of nanoseconds; injected so tests run without real waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    public DetectLoop(Detector detector, List<CameraSlot> cameras, DetectionSink sink, LongSupplier nanoClock,
                      Sleeper sleeper) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.cameras = List.copyOf(cameras);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        if (this.cameras.isEmpty()) {
            throw new IllegalArgumentException("cameras must not be empty");
        }
        long now = nanoClock.getAsLong();
        this.cameras.forEach(c -> c.dueNanos = now);
    }

    @Override
    public void run() {
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                long wait = step();
                if (wait > 0) {
                    sleeper.sleepNanos(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("detect loop stopped");
    }

    public void stop() {
        running = false;
    }

    /** Serves the most overdue camera if one is due; returns nanoseconds until the next camera is due. */
    long step() {
        long now = nanoClock.getAsLong();
        CameraSlot next = cameras.get(0);
        for (CameraSlot c : cameras) {
            if (c.dueNanos < next.dueNanos) {
                next = c;
            }
        }
        if (next.dueNanos > now) {
            return next.dueNanos - now;
        }
        serve(next, now);
        return 0;
    }

    private void serve(CameraSlot slot, long now) {
        VideoFrame frame = slot.poll();
        if (frame == null) {
            slot.countSkip(CameraSlot.Skip.NO_FRAME);
            slot.dueNanos = now + RETRY_NANOS;
            return;
        }
        if (now - frame.decodedNanos() > slot.intervalNanos()) {
            slot.countSkip(CameraSlot.Skip.STALE);
            slot.dueNanos = now + RETRY_NANOS;
            return;
        }
        try {
            List<Detection> detections = detector.detect(frame);
            slot.countDetected();
            sink.accept(frame, detections);
        } catch (RuntimeException e) {
            slot.countSkip(CameraSlot.Skip.DETECT_ERROR);
            log.warn("[{}] detect failed: {}", slot.camera(), e.toString());
        }
        // Keep the cadence but never schedule in the past after a slow pass: no burst to catch up.
        slot.dueNanos = Math.max(slot.dueNanos + slot.intervalNanos(), now);
    }
}
