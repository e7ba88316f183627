package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LatestFrameMailboxTest {

    private static VideoFrame frame(long seq) {
        return new VideoFrame("cam", seq, seq, Instant.EPOCH, 2, 2, new byte[12]);
    }

    @Test
    void newerFrameReplacesUnconsumedOneAndCountsADrop() throws InterruptedException {
        LatestFrameMailbox box = new LatestFrameMailbox();
        VideoFrame first = frame(0);
        assertThat(box.offer(first)).isNull();
        assertThat(box.offer(frame(1))).isSameAs(first);
        assertThat(box.offer(frame(2)).sequence()).isEqualTo(1);
        assertThat(box.take(Duration.ofMillis(10)).sequence()).isEqualTo(2);
        assertThat(box.offered()).isEqualTo(3);
        assertThat(box.dropped()).isEqualTo(2);
    }

    @Test
    void consumedFrameIsNotCountedAsDropped() throws InterruptedException {
        LatestFrameMailbox box = new LatestFrameMailbox();
        box.offer(frame(0));
        assertThat(box.poll().sequence()).isZero();
        assertThat(box.offer(frame(1))).isNull();
        assertThat(box.take(Duration.ZERO).sequence()).isEqualTo(1);
        assertThat(box.poll()).isNull();
        assertThat(box.dropped()).isZero();
    }

    @Test
    void takeTimesOutWithNullWhenEmpty() throws InterruptedException {
        LatestFrameMailbox box = new LatestFrameMailbox();
        long t0 = System.nanoTime();
        assertThat(box.take(Duration.ofMillis(50))).isNull();
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
    }

    @Test
    void takeWakesUpWhenAFrameArrives() throws Exception {
        LatestFrameMailbox box = new LatestFrameMailbox();
        AtomicReference<VideoFrame> got = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            waiting.countDown();
            try {
                got.set(box.take(Duration.ofSeconds(10)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-consumer");
        consumer.start();
        waiting.await();
        box.offer(frame(7));
        consumer.join(5000);
        assertThat(got.get()).isNotNull();
        assertThat(got.get().sequence()).isEqualTo(7);
    }

    @Test
    void concurrentOfferAndTakeLoseNothingUnaccounted() throws Exception {
        LatestFrameMailbox box = new LatestFrameMailbox();
        int total = 200_000;
        List<Long> taken = new ArrayList<>();
        Thread producer = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                box.offer(frame(i));
            }
        }, "test-producer");
        producer.start();
        long last = -1;
        while (producer.isAlive() || box.offered() < total || last < total - 1) {
            VideoFrame f = box.take(Duration.ofMillis(100));
            if (f != null) {
                assertThat(f.sequence()).as("frames come out in order").isGreaterThan(last);
                last = f.sequence();
                taken.add(last);
            } else if (!producer.isAlive()) {
                break;
            }
        }
        producer.join();
        assertThat(last).as("the newest frame is always delivered").isEqualTo(total - 1);
        assertThat(box.offered()).isEqualTo(total);
        assertThat(taken.size() + box.dropped()).isEqualTo(total);
    }

    @Test
    void aReleasedBufferIsReclaimedOnceAndOnlyAtItsSize() {
        LatestFrameMailbox box = new LatestFrameMailbox();
        VideoFrame f = frame(0);
        box.release(f);
        assertThat(box.reclaim(f.bgr().length + 1)).isNull(); // frame size changed: not reused, and gone
        box.release(f);
        assertThat(box.reclaim(f.bgr().length)).isSameAs(f.bgr());
        assertThat(box.reclaim(f.bgr().length)).isNull();
    }

    @Test
    void everyOfferSignalsTheSharedArrivals() throws Exception {
        FrameArrivals arrivals = new FrameArrivals();
        LatestFrameMailbox a = new LatestFrameMailbox(arrivals);
        LatestFrameMailbox b = new LatestFrameMailbox(arrivals);
        long seen = arrivals.count();
        assertThat(arrivals.awaitAfter(seen, 1_000_000L)).isFalse();
        a.offer(frame(0));
        b.offer(frame(1));
        assertThat(arrivals.count()).isEqualTo(seen + 2);
        assertThat(arrivals.awaitAfter(seen, 0)).isTrue();
    }
}
