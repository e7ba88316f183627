package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.Detector;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectLoopTest {
    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);
    private final List<String> served = new ArrayList<>();

    /** A detector that costs a fixed (fake) time per call. */
    private Detector detector(long costNanos) {
        return new FakeDetector(f -> {
            time.advanceNanos(costNanos);
            served.add(f.camera());
        });
    }

    /** Always has a fresh frame, decoded just now. */
    private VideoFrame fresh(String cam) {
        return new VideoFrame(cam, 0, time.nanos(), Instant.EPOCH, 2, 2, new byte[12]);
    }

    private void runFor(DetectLoop loop, long nanos) {
        long end = time.nanos() + nanos;
        while (time.nanos() < end) {
            long wait = loop.step();
            time.advanceNanos(Math.max(wait, 0));
        }
    }

    @Test
    void eachCameraIsServedAtItsDetectFps() {
        CameraSlot a = new CameraSlot("a", 5, () -> fresh("a"));
        CameraSlot b = new CameraSlot("b", 2, () -> fresh("b"));
        DetectLoop loop = new DetectLoop(detector(10_000_000L), List.of(a, b), (f, d) -> {}, time);
        runFor(loop, 10_000_000_000L);
        assertThat(a.detected()).isBetween(49L, 51L);
        assertThat(b.detected()).isBetween(19L, 21L);
    }

    @Test
    void overloadedDetectorSharesFairlyWithoutBursts() {
        CameraSlot a = new CameraSlot("a", 10, () -> fresh("a"));
        CameraSlot b = new CameraSlot("b", 10, () -> fresh("b"));
        // 150 ms per inference: at most ~6.7 passes/s for 20 wanted.
        DetectLoop loop = new DetectLoop(detector(150_000_000L), List.of(a, b), (f, d) -> {}, time);
        runFor(loop, 30_000_000_000L);
        long total = a.detected() + b.detected();
        assertThat(total).isBetween(195L, 201L);
        assertThat(Math.abs(a.detected() - b.detected())).isLessThanOrEqualTo(1L);
    }

    @Test
    void staleAndMissingFramesAreCountedNotDetected() {
        CameraSlot stale = new CameraSlot("stale", 5,
                () -> new VideoFrame("stale", 0, time.nanos() - 1_000_000_000L, Instant.EPOCH, 2, 2, new byte[12]));
        CameraSlot empty = new CameraSlot("empty", 5, () -> null);
        DetectLoop loop = new DetectLoop(detector(1), List.of(stale, empty), (f, d) -> {}, time);
        runFor(loop, 1_000_000_000L);
        assertThat(served).isEmpty();
        assertThat(stale.skipped(CameraSlot.Skip.STALE)).isPositive();
        assertThat(empty.skipped(CameraSlot.Skip.NO_FRAME)).isBetween(4L, 6L); // once per 200 ms interval, not per retry
    }

    @Test
    void aFailingDetectIsCountedAndTheLoopGoesOn() {
        CameraSlot a = new CameraSlot("a", 5, () -> fresh("a"));
        Detector broken = new FakeDetector(f -> {
            throw new IllegalStateException("boom");
        });
        DetectLoop loop = new DetectLoop(broken, List.of(a), (f, d) -> {}, time);
        runFor(loop, 1_000_000_000L);
        assertThat(a.skipped(CameraSlot.Skip.DETECT_ERROR)).isBetween(4L, 6L);
    }
}
