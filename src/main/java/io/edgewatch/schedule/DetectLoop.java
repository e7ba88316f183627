package io.edgewatch.schedule;

import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one detector between cameras. Each camera asks for its detect_fps; the {@link ComputeBudget} turns the
 * measured detector latency into a rate the device can afford, and {@link FairShare} splits that rate by weight.
 * The most overdue camera goes first. A frame older than one detect interval is skipped as stale, never detected
 * late; a motion-gated camera without motion is only looked at, not detected.
 */
public final class DetectLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DetectLoop.class);
    /** How long to wait before asking a camera without a new frame again. */
    static final long RETRY_NANOS = 20_000_000L;

    private final SwappableDetector detector;
    private final RecentFrames recent;
    private Detector lastUsed;
    private final List<CameraSlot> cameras;
    private final DetectionSink sink;
    private final TimeSource time;
    private final ComputeBudget budget;
    private final double[] demand;
    private final double[] weights;
    private final double[] granted;
    private final AtomicLong inferenceNanos = new AtomicLong();
    private volatile boolean running = true;

    public DetectLoop(Detector detector, List<CameraSlot> cameras, DetectionSink sink, TimeSource time) {
        this(detector, cameras, sink, time, ComputeBudget.unlimited());
    }

    public DetectLoop(Detector detector, List<CameraSlot> cameras, DetectionSink sink, TimeSource time,
                      ComputeBudget budget) {
        this(new SwappableDetector(detector), new RecentFrames(1, Long.MAX_VALUE), cameras, sink, time, budget);
    }

    /** @param recent where detected frames are kept for a model trial (see {@link ModelSwap}) */
    public DetectLoop(SwappableDetector detector, RecentFrames recent, List<CameraSlot> cameras, DetectionSink sink,
                      TimeSource time, ComputeBudget budget) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.cameras = List.copyOf(cameras);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.time = Objects.requireNonNull(time, "time");
        this.budget = Objects.requireNonNull(budget, "budget");
        if (this.cameras.isEmpty()) {
            throw new IllegalArgumentException("cameras must not be empty");
        }
        int n = this.cameras.size();
        demand = new double[n];
        weights = new double[n];
        granted = new double[n];
        long now = time.nanos();
        this.cameras.forEach(c -> c.dueNanos = now);
    }

    @Override
    public void run() {
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                long wait = step();
                if (wait > 0) {
                    time.sleepNanos(wait);
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

    /** Total time spent inside the detector, nanoseconds of the injected clock. */
    public long inferenceNanos() {
        return inferenceNanos.get();
    }

    /** Smoothed detector latency in nanoseconds (NaN before the first detection). */
    public double latencyNanos() {
        return budget.latencyNanos();
    }

    /** Serves the most overdue camera if one is due; returns nanoseconds until the next camera is due. */
    long step() {
        long now = time.nanos();
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
        if (frame == null || now - frame.decodedNanos() > slot.intervalNanos()) {
            missed(slot, frame, now);
            return;
        }
        boolean wasActive = slot.active;
        slot.active = true;
        MotionGate gate = slot.gate();
        if (gate != null && !gate.admit(frame, now)) {
            slot.countSkip(CameraSlot.Skip.NO_MOTION);
            slot.dueNanos = Math.max(slot.dueNanos + slot.intervalNanos(), now);
            if (!wasActive) {
                reallocate();
            }
            return;
        }
        detect(slot, frame, now);
    }

    /** No usable frame: count it once per detect interval and look again soon. */
    private void missed(CameraSlot slot, VideoFrame frame, long now) {
        if (frame != null) {
            slot.countSkip(CameraSlot.Skip.STALE);
        } else if (now >= slot.missCountedUntil) {
            slot.countSkip(CameraSlot.Skip.NO_FRAME);
            slot.missCountedUntil = now + slot.intervalNanos();
        }
        if (slot.active) {
            slot.active = false; // give its share to cameras that have frames
            reallocate();
        }
        slot.dueNanos = now + RETRY_NANOS;
    }

    private void detect(CameraSlot slot, VideoFrame frame, long now) {
        Detector d = detector.current(); // a swap takes effect here, between two frames
        if (d != lastUsed) {
            recent.clear(); // the kept detections were the old model's
            lastUsed = d;
        }
        try {
            List<Detection> detections = d.detect(frame);
            long took = time.nanos() - now;
            inferenceNanos.addAndGet(took);
            budget.observe(took);
            slot.countDetected();
            recent.offer(frame, detections, now);
            sink.accept(frame, detections);
        } catch (RuntimeException e) {
            slot.countSkip(CameraSlot.Skip.DETECT_ERROR);
            log.warn("[{}] detect failed: {}", slot.camera(), e.toString());
        }
        if (slot.gate() != null) {
            slot.gate().detected(now);
        }
        reallocate();
        long interval = intervalAfterDetect(slot);
        // Keep the cadence but never schedule in the past after a slow pass: no burst to catch up.
        slot.dueNanos = Math.max(slot.dueNanos + interval, now);
    }

    /** The budget's interval, or the requested one while the gate is idle (motion must be noticed at once). */
    private long intervalAfterDetect(CameraSlot slot) {
        long requested = slot.intervalNanos();
        if (slot.gate() != null && slot.gate().idle()) {
            return requested;
        }
        double fps = slot.effectiveFps();
        long interval = fps > 0 ? Math.max(requested, Math.round(1e9 / fps)) : requested;
        // Frames the requested rate would have detected in this longer gap are dropped by the budget.
        slot.budgetCredit += (double) interval / requested - 1;
        while (slot.budgetCredit >= 1) {
            slot.countSkip(CameraSlot.Skip.BUDGET);
            slot.budgetCredit -= 1;
        }
        return interval;
    }

    /** Splits the budget's current capacity over the cameras' current demands. */
    private void reallocate() {
        for (int i = 0; i < cameras.size(); i++) {
            demand[i] = cameras.get(i).demandFps();
            weights[i] = cameras.get(i).weight();
        }
        FairShare.allocate(demand, weights, budget.capacityPerSecond(), granted);
        for (int i = 0; i < cameras.size(); i++) {
            CameraSlot c = cameras.get(i);
            c.setEffectiveFps(demand[i] > 0 ? granted[i] : c.detectFps());
        }
    }
}
