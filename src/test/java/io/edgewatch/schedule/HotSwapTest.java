package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The detect thread switches models only between frames; the old model is closed after its last frame. */
class HotSwapTest {
    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicInteger inside = new AtomicInteger();

    private final class Fake implements Detector {
        final String name;
        final CountDownLatch entered = new CountDownLatch(1);
        volatile CountDownLatch release = new CountDownLatch(0);
        volatile boolean closed;

        Fake(String name) {
            this.name = name;
        }

        @Override public List<Detection> detect(VideoFrame f) {
            assertThat(closed).as(name + " used after close").isFalse();
            assertThat(inside.incrementAndGet()).as("two detectors at once").isEqualTo(1);
            log.add(name + ":" + f.sequence());
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inside.decrementAndGet();
            return List.of(new Detection(0, "person", 0.9f, 0.1f, 0.1f, 0.5f, 0.5f));
        }
        @Override public String modelName() { return name; }
        @Override public String modelSha256() { return name + "-sha"; }
        @Override public InferenceTiming inferenceTiming() { return new InferenceTiming(time, 4); }
        @Override public InferenceTiming preprocessTiming() { return inferenceTiming(); }
        @Override public void close() {
            log.add(name + ":closed");
            closed = true;
        }
    }

    private long seq;

    private CameraSlot camera() {
        return new CameraSlot("cam", 10, () -> new VideoFrame("cam", seq++, time.nanos(), Instant.EPOCH, 2, 2,
                new byte[12]));
    }

    @Test
    void detectorBlockedMidInferenceIsNotSwappedUnderIt() throws Exception {
        Fake old = new Fake("old");
        Fake next = new Fake("new");
        old.release = new CountDownLatch(1);
        SwappableDetector holder = new SwappableDetector(old);
        holder.onSwitch(d -> log.add("switch:" + d.modelName()));
        RecentFrames recent = new RecentFrames(4, 0);
        DetectLoop loop = new DetectLoop(holder, recent, List.of(camera()), (f, d) -> log.add("sink:" + f.sequence()),
                time, ComputeBudget.unlimited(), null);
        Thread detect = new Thread(loop::step, "detect-test");
        detect.start();
        assertThat(old.entered.await(10, TimeUnit.SECONDS)).isTrue();

        holder.offer(next); // arrives while "old" is inside detect()
        assertThat(holder.switchPending()).isTrue();
        assertThat(old.closed).isFalse();
        assertThat(holder.serving()).isSameAs(old);

        old.release.countDown();
        detect.join(10_000);
        assertThat(old.closed).as("closed only after a pass picks up the new one").isFalse();
        assertThat(recent.snapshot()).hasSize(1);

        time.advanceNanos(100_000_000L);
        loop.step();
        assertThat(log).containsExactly("old:0", "sink:0", "switch:new", "old:closed", "new:1", "sink:1");
        assertThat(holder.serving()).isSameAs(next);
        assertThat(recent.snapshot()).as("old model's references dropped").hasSize(1);
        assertThat(recent.snapshot().get(0).frame().sequence()).isEqualTo(1);
    }

    @Test
    void aPendingDetectorReplacedBeforeItServedIsClosed() {
        Fake old = new Fake("old");
        Fake first = new Fake("first");
        Fake second = new Fake("second");
        SwappableDetector holder = new SwappableDetector(old);
        holder.offer(first);
        holder.offer(second);
        assertThat(first.closed).isTrue();
        assertThat(holder.current()).isSameAs(second);
        assertThat(old.closed).isTrue();
        holder.close();
        assertThat(second.closed).isTrue();
    }

    @Test
    void recentFramesAreCopiesBoundedAndSpaced() {
        RecentFrames recent = new RecentFrames(2, 1_000L);
        byte[] pixels = new byte[12];
        for (int i = 0; i < 5; i++) {
            recent.offer(new VideoFrame("cam", i, 0, Instant.EPOCH, 2, 2, pixels), List.of(), i * 1_000L);
            recent.offer(new VideoFrame("cam", 100 + i, 0, Instant.EPOCH, 2, 2, pixels), List.of(), i * 1_000L + 1);
        }
        pixels[0] = 42;
        assertThat(recent.snapshot()).extracting(s -> s.frame().sequence()).containsExactly(3L, 4L);
        assertThat(recent.snapshot().get(0).frame().bgr()[0]).isZero();
    }
}
