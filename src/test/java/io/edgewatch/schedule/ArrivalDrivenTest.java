package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.ingest.FrameArrivals;
import io.edgewatch.ingest.LatestFrameMailbox;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The detect loop serves a camera when its due frame arrives, measured in fake time with real mailboxes. */
class ArrivalDrivenTest {
    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);
    private final FrameArrivals arrivals = new FrameArrivals();
    /** Fake-time wait of every served frame: serve time minus decode time. */
    private final List<Long> waits = new ArrayList<>();
    private final List<String> served = new ArrayList<>();

    private Detector detector(long costNanos) {
        return new Detector() {
            @Override public List<Detection> detect(VideoFrame f) {
                waits.add(time.nanos() - f.decodedNanos());
                served.add(f.camera());
                time.advanceNanos(costNanos);
                return List.of();
            }
            @Override public String modelName() { return "fake"; }
            @Override public String modelSha256() { return "0"; }
            @Override public InferenceTiming inferenceTiming() { return new InferenceTiming(TimeSource.system(), 1); }
            @Override public InferenceTiming preprocessTiming() { return inferenceTiming(); }
            @Override public void close() {}
        };
    }

    private void deliver(LatestFrameMailbox box, String cam) {
        box.offer(new VideoFrame(cam, 0, time.nanos(), Instant.EPOCH, 2, 2, new byte[12]));
    }

    @Test
    void aFrameArrivingJustAfterTheSlotOpensIsServedAtOnce() {
        LatestFrameMailbox box = new LatestFrameMailbox(arrivals);
        CameraSlot cam = new CameraSlot("a", 5, box::poll);
        DetectLoop loop = new DetectLoop(detector(1_000_000L), List.of(cam), (f, d) -> {}, time,
                ComputeBudget.unlimited(), arrivals);
        time.advanceNanos(-1); // a frame decoded just before the slot opened is not the due frame
        deliver(box, "a");
        time.advanceNanos(1);
        long wait = loop.step();
        assertThat(served).isEmpty();
        // With arrivals the loop does not poll: it sleeps until the frame comes or a whole interval passes.
        assertThat(wait).isEqualTo(200_000_000L);
        long seen = arrivals.count();
        time.advanceNanos(3_000_000L); // the due frame arrives 3 ms after the slot opened
        deliver(box, "a");
        assertThat(arrivals.count()).isGreaterThan(seen); // this is what wakes the real loop
        assertThat(loop.step()).isZero();
        assertThat(served).containsExactly("a");
        assertThat(waits).containsExactly(0L);
        assertThat(cam.skipped(CameraSlot.Skip.NO_FRAME)).isZero();
    }

    @Test
    void framesAtStreamRateWaitNoTimeAndKeepTheDetectCadence() {
        LatestFrameMailbox box = new LatestFrameMailbox(arrivals);
        CameraSlot cam = new CameraSlot("a", 5, box::poll);
        DetectLoop loop = new DetectLoop(detector(20_000_000L), List.of(cam), (f, d) -> {}, time,
                ComputeBudget.unlimited(), arrivals);
        runStream(loop, List.of(box), List.of("a"), 66_666_667L, 10_000_000_000L); // 15 fps stream, 10 s
        assertThat(cam.detected()).isBetween(49L, 51L);
        assertThat(waits).allSatisfy(w -> assertThat(w).isZero());
    }

    @Test
    void fairBudgetAndWeightsHoldWhenServingOnArrival() {
        List<LatestFrameMailbox> boxes = List.of(new LatestFrameMailbox(arrivals), new LatestFrameMailbox(arrivals));
        CameraSlot a = new CameraSlot("a", 10, 3, null, boxes.get(0)::poll);
        CameraSlot b = new CameraSlot("b", 10, 1, null, boxes.get(1)::poll);
        runHalfBudgetAndCheckTheSplit(boxes, a, b);
    }

    /** 50 ms per inference at half the time for 20 s: 10 detections/s for 20 wanted, split 3:1 by weight. */
    private void runHalfBudgetAndCheckTheSplit(List<LatestFrameMailbox> boxes, CameraSlot a, CameraSlot b) {
        DetectLoop loop = new DetectLoop(detector(50_000_000L), List.of(a, b), (f, d) -> {}, time,
                new ComputeBudget(0.5), arrivals);
        runStream(loop, boxes, List.of("a", "b"), 40_000_000L, 20_000_000_000L);
        assertThat(a.detected() + b.detected()).isBetween(190L, 205L);
        assertThat((double) a.detected() / b.detected()).isBetween(2.7, 3.3);
        assertThat(b.skipped(CameraSlot.Skip.BUDGET)).isPositive();
    }

    @Test
    void theSlotTellsItsMailboxWhenItOpensSoFramesBeforeThatAreNotConverted() {
        LatestFrameMailbox box = new LatestFrameMailbox(arrivals);
        CameraSlot cam = new CameraSlot("a", 5, 1, null, box);
        DetectLoop loop = new DetectLoop(detector(20_000_000L), List.of(cam), (f, d) -> {}, time,
                ComputeBudget.unlimited(), arrivals);
        long start = time.nanos();
        assertThat(box.wants(start)).isTrue();
        deliver(box, "a");
        assertThat(loop.step()).isZero();
        assertThat(served).containsExactly("a");
        // served at start: the next slot opens one interval (200 ms) later
        assertThat(box.wants(start + 199_999_999L)).isFalse();
        assertThat(box.wants(start + 200_000_000L)).isTrue();

        runStream(loop, List.of(box), List.of("a"), 66_666_667L, 10_000_000_000L); // 15 fps stream, 10 s
        assertThat(cam.detected()).isBetween(50L, 52L);
        assertThat(waits).allSatisfy(w -> assertThat(w).isZero());
        // 150 frames decoded; only the due ones were offered, each one detected
        assertThat(box.offered()).isEqualTo(cam.detected());
        assertThat(box.dropped()).isZero();
    }

    @Test
    void budgetAndWeightsHoldWhenOnlyDueFramesAreOffered() {
        List<LatestFrameMailbox> boxes = List.of(new LatestFrameMailbox(arrivals), new LatestFrameMailbox(arrivals));
        CameraSlot a = new CameraSlot("a", 10, 3, null, boxes.get(0));
        CameraSlot b = new CameraSlot("b", 10, 1, null, boxes.get(1));
        runHalfBudgetAndCheckTheSplit(boxes, a, b);
        long offered = boxes.get(0).offered() + boxes.get(1).offered();
        assertThat(offered).as("of 1000 decoded frames").isLessThan(300);
    }

    /**
     * Drives the loop as its thread would: each camera's decoder decodes a frame every {@code frameNanos} and offers
     * it if its mailbox wants it, and the loop wakes at an arrival or when its returned wait ends, whichever is first.
     */
    private void runStream(DetectLoop loop, List<LatestFrameMailbox> boxes, List<String> names, long frameNanos,
                           long nanos) {
        long start = time.nanos();
        long nextFrame = start;
        while (time.nanos() < start + nanos) {
            if (time.nanos() >= nextFrame) {
                for (int i = 0; i < boxes.size(); i++) {
                    if (boxes.get(i).wants(time.nanos())) { // what CameraIngest asks before converting a frame
                        deliver(boxes.get(i), names.get(i));
                    }
                }
                nextFrame += frameNanos;
            }
            long wait = loop.step();
            if (wait > 0) {
                time.setNanos(Math.min(time.nanos() + wait, Math.max(nextFrame, time.nanos())));
            }
        }
    }
}
