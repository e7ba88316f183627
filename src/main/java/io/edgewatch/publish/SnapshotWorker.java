package io.edgewatch.publish;

import io.edgewatch.event.DetectionEvent;
import io.edgewatch.ingest.VideoFrame;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import io.edgewatch.util.Supervisor;
import io.edgewatch.util.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshot making (JPEG encoding and the face blur, 5-10 ms and more) off the detect thread: the detect
 * thread hands over a copy of the frame (the decoder reuses the original's buffer) and goes on; the named
 * {@code snapshot} thread makes and hands on the picture. Bounded: when the queue is full the new snapshot is
 * dropped before it is copied and counted as {@link HandoffDrop#SNAPSHOT_WORKER_FULL}. Supervised: a maker that
 * throws loses that one snapshot and the thread goes on after a backoff pause, counted as a restart of
 * {@code snapshot}.
 */
public final class SnapshotWorker implements BiConsumer<VideoFrame, DetectionEvent>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SnapshotWorker.class);
    /** New events are rare next to frames: two waiting snapshots cover a burst of new tracks. */
    public static final int DEFAULT_CAPACITY = 2;

    private record Job(VideoFrame frame, DetectionEvent event) {}

    private final BiConsumer<VideoFrame, DetectionEvent> maker;
    private final BlockingQueue<Job> queue;
    private final HandoffDrops drops;
    private final AtomicLong made = new AtomicLong();
    private final Supervisor supervisor;
    private final Thread thread;
    private volatile boolean closed;

    /** Starts the {@code snapshot} thread; drops are counted in {@code publisher}'s hand-off drops. */
    public static SnapshotWorker start(BiConsumer<VideoFrame, DetectionEvent> maker, MqttPublisher publisher,
                                       TimeSource time) {
        return start(maker, DEFAULT_CAPACITY, publisher.handoffDrops(), time);
    }

    static SnapshotWorker start(BiConsumer<VideoFrame, DetectionEvent> maker, int capacity, HandoffDrops drops,
                                TimeSource time) {
        SnapshotWorker w = new SnapshotWorker(maker, capacity, drops, time);
        w.thread.start();
        return w;
    }

    private SnapshotWorker(BiConsumer<VideoFrame, DetectionEvent> maker, int capacity, HandoffDrops drops,
                           TimeSource time) {
        this.maker = Objects.requireNonNull(maker, "maker");
        this.drops = Objects.requireNonNull(drops, "drops");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.supervisor = Supervisor.of("snapshot", this::run, time);
        this.thread = new Thread(supervisor, "snapshot");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> log.error("snapshot thread died", e));
    }


    /** Detect thread: copies the frame and queues it, or counts a drop. Never blocks. */
    @Override
    public void accept(VideoFrame frame, DetectionEvent event) {
        if (closed) {
            drops.count(HandoffDrop.SNAPSHOT_CLOSED);
            return;
        }
        if (queue.remainingCapacity() == 0) {
            drops.count(HandoffDrop.SNAPSHOT_WORKER_FULL); // checked first: a full queue costs no copy
            return;
        }
        // As decoded (I420: half a BGR copy); the worker converts to BGR, not this thread.
        byte[] pixels = Arrays.copyOf(frame.pixels(), frame.format().bytes(frame.width(), frame.height()));
        VideoFrame copy = new VideoFrame(frame.camera(), frame.sequence(), frame.decodedNanos(),
                frame.captureTime(), frame.width(), frame.height(), frame.format(), pixels);
        if (!queue.offer(new Job(copy, event))) {
            drops.count(HandoffDrop.SNAPSHOT_WORKER_FULL);
        }
    }

    private void run() {
        try {
            while (!closed) {
                Job job = queue.take();
                maker.accept(job.frame(), job.event());
                made.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Restarts after a failed snapshot; failed once it kept failing past the bound. */
    public Supervisor supervisor() {
        return supervisor;
    }

    /** Snapshots handed on by the worker thread. */
    public long made() {
        return made.get();
    }

    /** Stops the thread; snapshots still waiting are dropped as {@link HandoffDrop#SNAPSHOT_CLOSED}. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        supervisor.stop();
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        while (queue.poll() != null) {
            drops.count(HandoffDrop.SNAPSHOT_CLOSED);
        }
    }
}
