package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live reload on the detect thread: tasks and camera swaps happen between passes, never during a detection. */
@Timeout(20)
class DetectLoopReloadTest {
    private final TimeSource time = TimeSource.system();
    private final AtomicBoolean inside = new AtomicBoolean();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** Blocks in its first detection until released; records whether a detection is in progress. */
    private final Detector blocking = new Detector() {
        @Override public List<Detection> detect(VideoFrame f) {
            inside.set(true);
            try {
                entered.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inside.set(false);
            }
            return List.of();
        }
        @Override public String modelName() { return "fake"; }
        @Override public String modelSha256() { return "0"; }
        @Override public InferenceTiming inferenceTiming() { return new InferenceTiming(time, 1); }
        @Override public InferenceTiming preprocessTiming() { return inferenceTiming(); }
        @Override public void close() {}
    };

    private CameraSlot counting(String name, AtomicLong polls) {
        return new CameraSlot(name, 50, () -> {
            polls.incrementAndGet();
            return new VideoFrame(name, 0, time.nanos(), Instant.EPOCH, 2, 2, new byte[12]);
        });
    }

    @Test
    void aTaskWaitsForTheDetectionInFlightAndTheSwappedOutCameraIsNeverPolledAgain() throws Exception {
        AtomicLong aPolls = new AtomicLong();
        AtomicLong bPolls = new AtomicLong();
        CameraSlot a = counting("a", aPolls);
        DetectLoop loop = new DetectLoop(blocking, List.of(a), (f, d) -> {}, time);
        Thread t = new Thread(loop, "detect-test");
        t.start();
        try {
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            AtomicBoolean ranInside = new AtomicBoolean(true);
            CompletableFuture<Void> task = loop.betweenPasses(() -> ranInside.set(inside.get()));
            CompletableFuture<Void> swap = loop.replaceCameras(List.of(counting("b", bPolls)));
            Thread.sleep(200);
            assertThat(task).as("not while a frame is in the detector").isNotDone();
            assertThat(swap).isNotDone();

            release.countDown();
            swap.get(5, TimeUnit.SECONDS);
            assertThat(task).isDone();
            assertThat(ranInside).as("the task ran between passes").isFalse();
            long aAfterSwap = aPolls.get();
            await().atMost(Duration.ofSeconds(5)).until(() -> bPolls.get() > 3);
            assertThat(aPolls.get()).as("a is not polled after the swap completed").isEqualTo(aAfterSwap);

            loop.replaceCameras(List.of()).get(5, TimeUnit.SECONDS);
            long bAfter = bPolls.get();
            Thread.sleep(100);
            assertThat(bPolls.get()).as("an empty camera list idles").isEqualTo(bAfter);
        } finally {
            release.countDown();
            loop.stop();
            t.join(5_000);
        }
        assertThat(loop.betweenPasses(() -> {}).isDone()).as("a stopped loop runs tasks at once").isTrue();
    }
}
