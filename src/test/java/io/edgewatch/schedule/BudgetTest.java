package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgewatch.detect.Detector;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The device budget with fake time: cameras deliver a new frame every 40 ms (25 fps) and the fake detector costs
 * a known time per call, advancing the clock, so utilisation is measured exactly as the loop would see it.
 */
class BudgetTest {
    private static final long FRAME_NANOS = 40_000_000L;
    private static final long MINUTE = 60_000_000_000L;
    private final FakeTime time = FakeTime.atNanos(1_000_000_000L);
    private final Map<String, Long> maxAge = new HashMap<>();
    private long busy;

    private Detector detector(long costNanos) {
        return new FakeDetector(f -> {
            maxAge.merge(f.camera(), time.nanos() - f.decodedNanos(), Math::max);
            time.advanceNanos(costNanos);
            busy += costNanos;
        });
    }

    /** The camera's newest frame: decoded at the last 40 ms tick. */
    private VideoFrame latest(String cam) {
        long t = time.nanos() / FRAME_NANOS * FRAME_NANOS;
        return new VideoFrame(cam, t / FRAME_NANOS, t, Instant.EPOCH, 2, 2, new byte[12]);
    }

    private CameraSlot slot(String name, double fps, double weight) {
        return new CameraSlot(name, fps, weight, null, () -> latest(name));
    }

    private double runFor(DetectLoop loop, long nanos) {
        long start = time.nanos();
        long busyStart = busy;
        while (time.nanos() < start + nanos) {
            time.advanceNanos(Math.max(loop.step(), 0));
        }
        return (double) (busy - busyStart) / (time.nanos() - start);
    }

    @Test
    void fourCamerasStayWithinTheBudget() {
        for (double budget : new double[] {0.25, 0.5, 0.8}) {
            List<CameraSlot> cams = List.of(slot("a", 10, 1), slot("b", 10, 1), slot("c", 10, 1), slot("d", 10, 1));
            // 4 × 10 fps × 50 ms = 2.0 of one thread wanted.
            DetectLoop loop = new DetectLoop(detector(50_000_000L), cams, (f, d) -> {}, time,
                    new ComputeBudget(budget));
            runFor(loop, 5_000_000_000L); // let the latency estimate settle
            double used = runFor(loop, MINUTE);
            System.out.printf(java.util.Locale.ROOT, "budget %.2f: measured utilisation %.3f, %.2f detections/s per"
                    + " camera, %d skipped by budget on camera a%n", budget, used,
                    cams.get(0).detected() / 65.0, cams.get(0).skipped(CameraSlot.Skip.BUDGET));
            assertThat(used).as("utilisation at budget " + budget).isCloseTo(budget, within(budget * 0.10));
            long min = cams.stream().mapToLong(CameraSlot::detected).min().orElseThrow();
            long max = cams.stream().mapToLong(CameraSlot::detected).max().orElseThrow();
            assertThat(max - min).as("equal weights share equally").isLessThanOrEqualTo(2);
            assertThat(cams.get(0).skipped(CameraSlot.Skip.BUDGET)).isPositive();
            maxAge.values().forEach(age -> assertThat(age).isLessThanOrEqualTo(100_000_000L));
        }
    }

    @Test
    void followsAJitteryDetectorThatSlowsDown() {
        java.util.Random r = new java.util.Random(3);
        long[] mean = {50_000_000L};
        Detector jittery = new FakeDetector(f -> {
            long cost = mean[0] / 2 + (long) (r.nextDouble() * mean[0]); // mean ± 50 %
            time.advanceNanos(cost);
            busy += cost;
        });
        List<CameraSlot> cams = List.of(slot("a", 10, 1), slot("b", 10, 1), slot("c", 10, 1), slot("d", 10, 1));
        DetectLoop loop = new DetectLoop(jittery, cams, (f, d) -> {}, time, new ComputeBudget(0.5));
        assertThat(runFor(loop, MINUTE)).isCloseTo(0.5, within(0.05));
        mean[0] = 100_000_000L; // e.g. thermal throttling halves the speed
        runFor(loop, 5_000_000_000L);
        double used = runFor(loop, MINUTE);
        assertThat(used).isCloseTo(0.5, within(0.05));
        assertThat(cams.get(0).effectiveFps()).isCloseTo(1.25, within(0.3));
    }

    @Test
    void framesOlderThanOneDetectIntervalNeverReachTheDetector() {
        // A 6.7 fps stream asked for 10 detections/s (interval 100 ms): many newest frames are too old.
        long period = 150_000_000L;
        List<CameraSlot> cams = new java.util.ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            cams.add(new CameraSlot(name, 10, 1, null, () -> {
                long t = time.nanos() / period * period;
                return new VideoFrame(name, t / period, t, Instant.EPOCH, 2, 2, new byte[12]);
            }));
        }
        DetectLoop loop = new DetectLoop(detector(30_000_000L), cams, (f, d) -> {}, time,
                new ComputeBudget(0.5));
        runFor(loop, MINUTE);
        assertThat(maxAge).hasSize(4);
        maxAge.values().forEach(age -> assertThat(age).isLessThanOrEqualTo(100_000_000L));
        assertThat(cams.stream().mapToLong(c -> c.skipped(CameraSlot.Skip.STALE)).sum()).isPositive();
    }

    @Test
    void anIdleMotionGatedCameraLeavesItsShareToABusyOne() {
        java.util.Random r = new java.util.Random(5);
        byte[] still = new byte[16 * 16 * 3];
        MotionGate idleGate = MotionGate.of(new io.edgewatch.config.MotionConfig(true, 25, 0.01, 10, List.of()));
        MotionGate busyGate = MotionGate.of(new io.edgewatch.config.MotionConfig(true, 25, 0.01, 10, List.of()));
        CameraSlot idle = new CameraSlot("idle", 10, 1, idleGate,
                () -> new VideoFrame("idle", 0, time.nanos(), Instant.EPOCH, 16, 16, still));
        CameraSlot busy = new CameraSlot("busy", 10, 1, busyGate, () -> {
            byte[] b = new byte[16 * 16 * 3];
            r.nextBytes(b); // everything changes every frame
            return new VideoFrame("busy", 0, time.nanos(), Instant.EPOCH, 16, 16, b);
        });
        DetectLoop loop = new DetectLoop(detector(50_000_000L), List.of(idle, busy), (f, d) -> {}, time, new ComputeBudget(0.5));
        double used = runFor(loop, MINUTE);
        // Capacity 10/s: the idle camera needs 0.1/s for its refresh, the busy one gets nearly all the rest.
        assertThat(idle.detected()).isBetween(6L, 8L);
        assertThat(busy.detected()).isBetween(570L, 600L);
        assertThat(idle.skipped(CameraSlot.Skip.NO_MOTION)).isGreaterThan(500L);
        assertThat(used).isCloseTo(0.5, within(0.05));
    }

    @Test
    void weightsAreRespected() {
        List<CameraSlot> cams = List.of(slot("a", 10, 1), slot("b", 10, 1), slot("c", 10, 2), slot("d", 10, 4));
        DetectLoop loop = new DetectLoop(detector(50_000_000L), cams, (f, d) -> {}, time,
                new ComputeBudget(0.5));
        runFor(loop, MINUTE);
        double a = cams.get(0).detected();
        assertThat(cams.get(1).detected() / a).isCloseTo(1.0, within(0.1));
        assertThat(cams.get(2).detected() / a).isCloseTo(2.0, within(0.2));
        assertThat(cams.get(3).detected() / a).isCloseTo(4.0, within(0.4));
        assertThat(cams.get(3).effectiveFps()).isCloseTo(5.0, within(0.5));
    }

    @Test
    void aCameraAskingLessThanItsShareKeepsItsRate() {
        List<CameraSlot> cams = List.of(slot("slow", 1, 1), slot("b", 10, 1), slot("c", 10, 1), slot("d", 10, 1));
        DetectLoop loop = new DetectLoop(detector(50_000_000L), cams, (f, d) -> {}, time,
                new ComputeBudget(0.5));
        runFor(loop, MINUTE);
        assertThat(cams.get(0).detected()).isBetween(58L, 61L);
        assertThat(cams.get(0).skipped(CameraSlot.Skip.BUDGET)).isZero();
        // 10/s total: the other three share the 9/s left.
        assertThat(cams.get(1).detected()).isBetween(170L, 190L);
    }

    @Test
    void aDeadCameraGivesItsShareToTheOthers() {
        CameraSlot dead = new CameraSlot("dead", 10, 1, null, () -> null);
        List<CameraSlot> cams = List.of(dead, slot("b", 10, 1));
        DetectLoop loop = new DetectLoop(detector(50_000_000L), cams, (f, d) -> {}, time,
                new ComputeBudget(0.5));
        double used = runFor(loop, MINUTE);
        assertThat(used).isCloseTo(0.5, within(0.05));
        assertThat(cams.get(1).detected()).isBetween(570L, 610L);
        assertThat(dead.skipped(CameraSlot.Skip.NO_FRAME)).isBetween(590L, 610L);
    }

    @Test
    void underTheBudgetEveryoneGetsTheirRate() {
        List<CameraSlot> cams = List.of(slot("a", 5, 1), slot("b", 2, 1));
        DetectLoop loop = new DetectLoop(detector(10_000_000L), cams, (f, d) -> {}, time,
                new ComputeBudget(0.5));
        runFor(loop, MINUTE);
        assertThat(cams.get(0).detected()).isBetween(299L, 301L);
        assertThat(cams.get(1).detected()).isBetween(119L, 121L);
        assertThat(cams.get(0).skipped(CameraSlot.Skip.BUDGET)).isZero();
        assertThat(loop.latencyNanos()).isCloseTo(10_000_000.0, within(1.0));
    }
}
