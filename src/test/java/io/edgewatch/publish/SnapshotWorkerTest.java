package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.ingest.PixelFormat;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotWorkerTest {
    private final HandoffDrops drops = new HandoffDrops();
    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<Byte> firstPixels = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);

    /** A snapshot maker that records where and what it saw, and blocks until released. */
    private void slowMaker(VideoFrame frame, DetectionEvent event) {
        threads.add(Thread.currentThread().getName());
        firstPixels.add(frame.bgr()[0]);
        started.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static VideoFrame frame(byte value) {
        byte[] bgr = new byte[4 * 4 * 3];
        bgr[0] = value;
        return new VideoFrame("cam", 0, 0, Instant.EPOCH, 4, 4, bgr);
    }

    @Test
    void snapshotsAreMadeOnTheSnapshotThreadFromACopyAndABusyWorkerDropsAndCounts() throws Exception {
        DetectionEvent event = EventFixtures.sample();
        try (SnapshotWorker worker = SnapshotWorker.start(this::slowMaker, 2, drops, time)) {
            VideoFrame first = frame((byte) 7);
            worker.accept(first, event);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            first.bgr()[0] = 99; // the decoder reuses the buffer once the detect thread is done with it
            worker.accept(frame((byte) 1), event); // waits in the queue
            worker.accept(frame((byte) 2), event); // waits in the queue (capacity 2)
            long t0 = System.nanoTime();
            worker.accept(frame((byte) 3), event); // dropped at once: the detect thread never waits
            assertThat(System.nanoTime() - t0).isLessThan(TimeUnit.SECONDS.toNanos(5));
            assertThat(drops.get(HandoffDrop.SNAPSHOT_WORKER_FULL)).isEqualTo(1);
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (worker.made() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(worker.made()).isEqualTo(3);
        }
        assertThat(threads).containsOnly("snapshot");
        assertThat(firstPixels).containsExactly((byte) 7, (byte) 1, (byte) 2);
        assertThat(drops.get(HandoffDrop.SNAPSHOT_WORKER_FULL)).isEqualTo(1);
    }

    @Test
    void anI420FrameIsCopiedAsDecodedAndConvertedOnTheSnapshotThread() throws Exception {
        byte[] grey = new byte[4 * 4 * 3 / 2];
        java.util.Arrays.fill(grey, 0, 16, (byte) 126); // Y 126, U = V = 128: BT.601 limited grey 128
        java.util.Arrays.fill(grey, 16, grey.length, (byte) 128);
        VideoFrame i420 = new VideoFrame("cam", 0, 0, Instant.EPOCH, 4, 4, PixelFormat.I420, grey);
        List<VideoFrame> seen = new CopyOnWriteArrayList<>();
        List<byte[]> converted = new CopyOnWriteArrayList<>();
        try (SnapshotWorker worker = SnapshotWorker.start((f, e) -> {
            seen.add(f);
            converted.add(f.bgr());
        }, 2, drops, time)) {
            worker.accept(i420, EventFixtures.sample());
            grey[0] = 0; // the decoder's buffer is reused: the worker has its own copy
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (worker.made() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).format()).isEqualTo(PixelFormat.I420);
        assertThat(seen.get(0).pixels()).hasSize(24).isNotSameAs(grey);
        assertThat(converted.get(0)).hasSize(48);
        for (byte b : converted.get(0)) {
            assertThat(b & 0xff).isBetween(126, 130);
        }
    }

    @Test
    void afterCloseSnapshotsAreCountedAsClosed() throws Exception {
        SnapshotWorker worker = SnapshotWorker.start((f, e) -> { }, 2, drops, time);
        worker.close();
        worker.accept(frame((byte) 1), EventFixtures.sample());
        assertThat(drops.get(HandoffDrop.SNAPSHOT_CLOSED)).isEqualTo(1);
    }

    @Test
    void aMakerThatThrowsLosesThatSnapshotOnlyAndTheThreadGoesOnCounted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Byte> made = new CopyOnWriteArrayList<>();
        try (SnapshotWorker worker = SnapshotWorker.start((f, e) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("injected fault: JPEG encoder failed");
            }
            made.add(f.bgr()[0]);
        }, 2, drops, time)) {
            worker.accept(frame((byte) 1), EventFixtures.sample());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (worker.supervisor().restarts() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            worker.accept(frame((byte) 2), EventFixtures.sample());
            while (worker.made() < 1 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(worker.supervisor().restarts()).isEqualTo(1);
            assertThat(worker.supervisor().failed()).isFalse();
            assertThat(made).containsExactly((byte) 2);
            assertThat(time.sleeps()).as("one backoff pause (fake time)").isEqualTo(1);
        }
        assertThat(calls).hasValue(2);
    }
}
