package io.edgewatch.schedule;

import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.ingest.FrameArrivals;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one detector between cameras. Each camera asks for its detect_fps; the {@link ComputeBudget} turns the
 * measured detector latency into a rate the device can afford, and {@link FairShare} splits that rate by weight.
 * A camera's slot opens on that cadence and it is served when its due frame arrives (the first frame decoded
 * after the slot opened), so a frame does not wait in the mailbox for the loop's clock; among ready cameras the
 * most overdue goes first. A frame older than one detect interval is skipped as stale, never detected late; a
 * motion-gated camera without motion is only looked at, not detected.
 *
 * <p>Live reload: {@link #betweenPasses} runs a task on the detect thread between two passes, so the camera list
 * ({@link #replaceCameras}), gates and track settings change while no frame is in flight.
 */
public final class DetectLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DetectLoop.class);
    /** Without an arrival signal (tests, tools): how soon to ask a camera without a new frame again. */
    static final long RETRY_NANOS = 20_000_000L;
    /** Longest sleep between passes, so a reload waits at most this long for the detect thread. */
    static final long MAX_SLEEP_NANOS = 100_000_000L;
    /** Reload tasks waiting for the detect thread; reloads are serialised, so a few slots are plenty. */
    private static final int PENDING_TASKS = 8;
    /** The longest single wait, so stop() and a silent camera's accounting never wait on an arrival. */
    static final long MAX_WAIT_NANOS = 1_000_000_000L;

    private final SwappableDetector detector;
    private final RecentFrames recent;
    private Detector lastUsed;
    private List<CameraSlot> cameras;
    private final DetectionSink sink;
    private final TimeSource time;
    private final ComputeBudget budget;
    private double[] demand;
    private double[] weights;
    private double[] granted;
    private final BlockingQueue<Runnable> pending = new ArrayBlockingQueue<>(PENDING_TASKS);
    private final AtomicLong inferenceNanos = new AtomicLong();
    private final FrameArrivals arrivals;
    private volatile boolean running = true;

    public DetectLoop(Detector detector, List<CameraSlot> cameras, DetectionSink sink, TimeSource time) {
        this(detector, cameras, sink, time, ComputeBudget.unlimited());
    }

    public DetectLoop(Detector detector, List<CameraSlot> cameras, DetectionSink sink, TimeSource time,
                      ComputeBudget budget) {
        this(detector, cameras, sink, time, budget, null);
    }

    /** @param arrivals the cameras' shared frame signal the loop sleeps on, or null to poll (tests) */
    public DetectLoop(Detector detector, List<CameraSlot> cameras, DetectionSink sink, TimeSource time,
                      ComputeBudget budget, FrameArrivals arrivals) {
        this(new SwappableDetector(detector), new RecentFrames(1, Long.MAX_VALUE), cameras, sink, time, budget,
                arrivals);
    }

    /** @param recent where detected frames are kept for a model trial (see {@link ModelSwap}) */
    public DetectLoop(SwappableDetector detector, RecentFrames recent, List<CameraSlot> cameras, DetectionSink sink,
                      TimeSource time, ComputeBudget budget, FrameArrivals arrivals) {
        this.arrivals = arrivals;
        this.detector = Objects.requireNonNull(detector, "detector");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.cameras = List.copyOf(cameras);
        this.sink = Objects.requireNonNull(sink, "sink");
        this.time = Objects.requireNonNull(time, "time");
        this.budget = Objects.requireNonNull(budget, "budget");
        resize();
        long now = time.nanos();
        this.cameras.forEach(c -> c.openAt(now));
    }

    private void resize() {
        int n = cameras.size();
        demand = new double[n];
        weights = new double[n];
        granted = new double[n];
    }

    /**
     * Runs {@code task} on the detect thread between two passes (at once if the loop has stopped). The future
     * completes when it ran; it fails if too many tasks are already waiting.
     */
    public CompletableFuture<Void> betweenPasses(Runnable task) {
        Objects.requireNonNull(task, "task");
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable wrapped = () -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        };
        if (!running) {
            wrapped.run();
        } else if (!pending.offer(wrapped)) {
            done.completeExceptionally(new IllegalStateException("detect loop busy: " + PENDING_TASKS
                    + " reload tasks waiting"));
        }
        return done;
    }

    /**
     * Swaps the camera list between passes: slots kept keep their schedule, new ones are due at once, removed
     * ones are never polled again once the future completes.
     */
    public CompletableFuture<Void> replaceCameras(List<CameraSlot> next) {
        List<CameraSlot> copy = List.copyOf(next);
        return betweenPasses(() -> {
            long now = time.nanos();
            List<CameraSlot> old = new ArrayList<>(cameras);
            copy.stream().filter(c -> !old.contains(c)).forEach(c -> c.openAt(now));
            cameras = copy;
            resize();
            reallocate();
        });
    }

    private void runPending() {
        Runnable task;
        while ((task = pending.poll()) != null) {
            task.run();
        }
    }

    @Override
    public void run() {
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                runPending();
                long seen = arrivals == null ? 0 : arrivals.count();
                long wait = step();
                if (wait > 0) {
                    pause(seen, Math.min(wait, MAX_SLEEP_NANOS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        runPending(); // a reload waiting for this thread is not left hanging
        log.info("detect loop stopped");
    }

    /** Sleeps until the next slot opens or, while a slot waits for its frame, until any frame arrives. */
    private void pause(long seen, long wait) throws InterruptedException {
        long bounded = Math.min(wait, MAX_WAIT_NANOS); // stop() and liveness never wait on a silent camera
        if (arrivals != null) {
            arrivals.awaitAfter(seen, bounded);
        } else {
            time.sleepNanos(bounded);
        }
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

    /**
     * Serves the most overdue camera whose slot is open and whose due frame (the first decoded after the slot
     * opened) has arrived; returns 0 after serving, else nanoseconds until the next slot opens or a missing frame
     * must be counted. Arrivals end that wait early in {@link #run()}.
     */
    long step() {
        long now = time.nanos();
        if (cameras.isEmpty()) {
            return RETRY_NANOS;
        }
        CameraSlot next = null;
        long wake = Long.MAX_VALUE;
        boolean waitingForFrame = false;
        for (CameraSlot c : cameras) {
            if (c.dueNanos > now) {
                wake = Math.min(wake, c.dueNanos - now);
            } else if (collect(c, now)) {
                next = next == null || c.dueNanos < next.dueNanos ? c : next;
            } else {
                waitingForFrame = true;
                wake = Math.min(wake, Math.max(1, noFrameAt(c) - now));
            }
        }
        if (next == null) {
            // Without an arrival signal nothing wakes the loop when a frame comes: look again soon.
            return arrivals == null && waitingForFrame ? Math.min(wake, RETRY_NANOS) : wake;
        }
        serve(next, now);
        return 0;
    }

    /** Takes an open slot's newest frame into {@code pending}; true if it holds its due frame. */
    private boolean collect(CameraSlot slot, long now) {
        VideoFrame frame = slot.poll();
        if (frame != null && frame.decodedNanos() >= slot.dueNanos) {
            if (slot.pending != null) {
                slot.release(slot.pending); // a newer due frame replaces one that waited behind other cameras
            }
            slot.pending = frame;
        } else if (frame != null) {
            if (now - frame.decodedNanos() > slot.intervalNanos()) {
                slot.countSkip(CameraSlot.Skip.STALE); // decoder behind or stream stalled
            }
            slot.release(frame);
        }
        // A newer frame left over from before the slot opened is passed by: the due frame is the next one.
        if (slot.pending != null) {
            return true;
        }
        if (now >= noFrameAt(slot)) {
            missed(slot, now);
        }
        return false;
    }

    /** A slot open for a whole interval without its frame counts one no_frame, then one per interval. */
    private static long noFrameAt(CameraSlot slot) {
        return Math.max(slot.dueNanos + slot.intervalNanos(), slot.missCountedUntil);
    }

    private void serve(CameraSlot slot, long now) {
        VideoFrame frame = slot.pending;
        slot.pending = null;
        try {
            serve(slot, frame, now);
        } finally {
            slot.release(frame); // the sink copies what it keeps (snapshots): the buffer goes back to the decoder
        }
    }

    private void serve(CameraSlot slot, VideoFrame frame, long now) {
        if (now - frame.decodedNanos() > slot.intervalNanos()) {
            slot.countSkip(CameraSlot.Skip.STALE); // waited behind other cameras for too long
            slot.openAt(now);
            return;
        }
        boolean wasActive = slot.active;
        slot.active = true;
        MotionGate gate = slot.gate();
        if (gate != null && !gate.admit(frame, now)) {
            slot.countSkip(CameraSlot.Skip.NO_MOTION);
            slot.openAt(Math.max(slot.dueNanos + slot.intervalNanos(), now));
            if (!wasActive) {
                reallocate();
            }
            return;
        }
        detect(slot, frame, now);
    }

    /** No frame for a whole interval: count it and give the camera's share to cameras that have frames. */
    private void missed(CameraSlot slot, long now) {
        slot.countSkip(CameraSlot.Skip.NO_FRAME);
        slot.missCountedUntil = now + slot.intervalNanos();
        if (slot.active) {
            slot.active = false;
            reallocate();
        }
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
        slot.openAt(Math.max(slot.dueNanos + interval, now));
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
