package io.edgewatch.bench;

import io.edgewatch.ingest.FfmpegFrameSource;
import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.IngestOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The floor measured while a daemon probe runs, so that both see the same machine: this VM's speed drifts by 10–30 %
 * within a minute, and a floor taken before and after a run could be on either side of the run's own speed. Short
 * bursts — unpaced decodes with and without colour conversion, back-to-back inferences, each after one uncounted
 * item, as {@link FloorBench} — run on the thread "floor-sampler", each 15 ms after the last event of a frame of the
 * probed daemon arrived (its detect thread then idles for most of a detect interval; a burst is ≈ 0.1 s), at most one per
 * {@link #GAP_NANOS}; without events (no subscriber) once per two gaps. CPU per item is the sampling thread's own
 * (one ORT thread, one decoder thread: no helper thread takes part), so the bench's other threads (its subscriber,
 * the probe's output reader) and the JIT's and GC's work for them do not count.
 *
 * <p>Threads: {@link #eventArrived()} from the subscriber's thread, {@link #start()} and {@link #stop()} from the
 * bench's; everything else on "floor-sampler".
 */
final class FloorSampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FloorSampler.class);
    static final long GAP_NANOS = 2_000_000_000L;
    /** Quiet time after the last event before a burst starts; the next frame's detection is ≈ 180 ms later. */
    static final long QUIET_NANOS = 15_000_000L;
    static final int DECODES = 6;
    static final int INFERENCES = 4;

    private final OrtRunner ort;
    private final Clip frames;
    private final Semaphore trigger = new Semaphore(0);
    private final AtomicBoolean armed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final Sum decode = new Sum();
    private final Sum decodeOnly = new Sum();
    private final Sum inference = new Sum();
    private volatile long lastEventNanos;
    private final long quietNanos;
    private volatile Exception failure;
    private Thread thread;
    private volatile int bursts;

    /** Loads the model and opens the clip now, before the probe starts, so that neither costs in its window. */
    FloorSampler(Path clip, Path model, FloatBuffer input, int size) throws Exception {
        this(clip, model, input, size, QUIET_NANOS);
    }

    /** @param quietNanos quiet time after the last event before a burst (tests lengthen it) */
    FloorSampler(Path clip, Path model, FloatBuffer input, int size, long quietNanos) throws Exception {
        this.quietNanos = quietNanos;
        // as the daemon runs OpenCV (app.Daemon): a colour conversion in OpenCV stays on the calling thread
        org.bytedeco.opencv.global.opencv_core.setNumThreads(1);
        this.ort = new OrtRunner("floor", model, 1, input.duplicate(), new long[] {1, 3, size, size});
        this.frames = new Clip(clip);
        try {
            frames.next(true);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /** Subscriber thread: a daemon event arrived; starts a burst if the last one is at least a gap old. */
    void eventArrived() {
        lastEventNanos = System.nanoTime();
        if (armed.compareAndSet(true, false)) {
            trigger.release();
        }
    }

    /** The measuring window starts. */
    void start() {
        thread = new Thread(this::run, "floor-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** The window ended (idempotent): waits for the burst in progress. */
    void stop() throws InterruptedException {
        if (thread == null || stopping()) {
            return;
        }
        stopped.countDown();
        trigger.release();
        thread.join();
        if (failure != null) {
            LOG.warn("floor sampling during the run failed ({}), the floor measured after the run is used",
                    failure.toString());
        }
    }

    /** The floor measured during the window, or null if no burst completed (or one failed). */
    FloorBench.Costs costs() {
        if (thread == null || thread.isAlive() || failure != null || bursts == 0) {
            return null;
        }
        return new FloorBench.Costs(decode.cost("decode"), decodeOnly.cost("decode, no conversion"),
                inference.cost("inference"));
    }

    int bursts() {
        return bursts;
    }

    private void run() {
        try {
            while (!stopping()) {
                armed.set(true);
                // an event starts the burst; without one within two gaps, it starts anyway
                trigger.tryAcquire(2 * GAP_NANOS, TimeUnit.NANOSECONDS);
                armed.set(false);
                awaitQuiet();
                if (stopping()) {
                    return;
                }
                burst();
                bursts++;
                sleep(GAP_NANOS);
                trigger.drainPermits();
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /**
     * Waits until no event arrived for the quiet time ({@link #QUIET_NANOS}): a frame's events arrive within a few ms, and a burst
     * started at the first would hold a core while the bench's subscriber receives the others (seen: an event's
     * end-to-end time 63 ms, against 16 ms at the median).
     */
    private void awaitQuiet() throws InterruptedException {
        for (long wait = quietNanos; wait > 0 && !stopping(); wait = lastEventNanos + quietNanos - System.nanoTime()) {
            sleep(wait);
        }
    }

    private void burst() throws Exception {
        frames.next(true);
        measure(decode, DECODES, () -> frames.next(true));
        frames.next(false);
        measure(decodeOnly, DECODES, () -> frames.next(false));
        ort.runOnce();
        measure(inference, INFERENCES, ort::runOnce);
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code n} steps and adds their CPU: this thread's, to the nanosecond (the JVM's process CPU clock counts
     * 10 ms ticks, too coarse for a burst). With one ORT thread and one decoder thread no other thread takes part;
     * the bench samples only then (see {@code BenchSuite}).
     */
    private void measure(Sum sum, int n, Step step) throws Exception {
        long cpu0 = threadBean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            step.run();
        }
        long wall = System.nanoTime() - t0;
        sum.add(n, threadBean.getCurrentThreadCpuTime() - cpu0, wall);
    }

    private boolean stopping() {
        return stopped.getCount() == 0;
    }

    private void sleep(long nanos) throws InterruptedException {
        stopped.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** After {@link #stop()}: frees the model and the decoder. */
    @Override
    public void close() {
        ort.close();
        frames.close();
    }

    /** Per-item totals of one stage over all bursts. */
    private static final class Sum {
        private long count;
        private long cpuNanos;
        private long wallNanos;

        void add(long n, long cpu, long wall) {
            count += n;
            cpuNanos += cpu;
            wallNanos += wall;
        }

        FloorBench.Cost cost(String stage) {
            return new FloorBench.Cost(stage, count, cpuNanos / 1e6 / count, wallNanos / 1e6 / count);
        }
    }

    /** The clip decoded the daemon's way, reopened at its end. */
    private static final class Clip implements AutoCloseable {
        private final Path file;
        private FrameSource source;
        private byte[] buf = new byte[0];

        Clip(Path file) {
            this.file = file;
        }

        /** Decodes the next frame, to packed BGR24 when {@code convert} (else only decoded). */
        void next(boolean convert) throws Exception {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (source == null) {
                    source = new FfmpegFrameSource(SampleFrames.fileCamera("floor", file, false, 1),
                            IngestOptions.defaults());
                    source.open();
                }
                boolean got = convert ? source.read(len -> buf.length == len ? buf : (buf = new byte[len])) != null
                        : source.grab();
                if (got) {
                    return;
                }
                close(); // end of the clip: start again
            }
            throw new java.io.IOException("no frame decoded from " + file);
        }

        @Override
        public void close() {
            if (source != null) {
                source.close();
                source = null;
            }
        }
    }
}
