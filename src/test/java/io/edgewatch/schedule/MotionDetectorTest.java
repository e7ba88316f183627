package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgewatch.config.MotionConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.I420Frames;
import io.edgewatch.testing.FakeTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Motion detection and gating on synthetic 640x480 frames: a textured still scene with sensor noise. */
class MotionDetectorTest {
    private static final int W = 640;
    private static final int H = 480;
    private final Random random = new Random(7);
    private final byte[] scene = texture();

    private static byte[] texture() {
        byte[] b = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int v = 60 + ((x / 16 + y / 16) % 2) * 80 + (x * 7 + y * 3) % 40;
                for (int c = 0; c < 3; c++) {
                    b[(y * W + x) * 3 + c] = (byte) v;
                }
            }
        }
        return b;
    }

    /** The scene with ±6 grey levels of noise and optionally a dark 64x96 box (a person) at x. */
    private VideoFrame frame(int boxX, long nanos) {
        byte[] b = scene.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Math.max(0, Math.min(255, (b[i] & 0xff) + random.nextInt(13) - 6));
        }
        if (boxX >= 0) {
            for (int y = 200; y < 296; y++) {
                for (int x = boxX; x < boxX + 64; x++) {
                    int p = (y * W + x) * 3;
                    b[p] = b[p + 1] = b[p + 2] = 10;
                }
            }
        }
        return new VideoFrame("cam", 0, nanos, Instant.EPOCH, W, H, b);
    }

    @Test
    void noisyStillSceneIsNotMotionAndAMovingBoxIs() {
        MotionDetector m = new MotionDetector(25, 0.005, List.of());
        assertThat(m.update(frame(-1, 0))).as("first frame primes").isTrue();
        for (int i = 0; i < 5; i++) {
            assertThat(m.update(frame(-1, 0))).isFalse();
            assertThat(m.lastChangedFraction()).isLessThan(0.001);
        }
        assertThat(m.update(frame(100, 0))).isTrue();
        assertThat(m.update(frame(140, 0))).isTrue();
        assertThat(m.lastChangedFraction()).isBetween(0.005, 0.05);
    }

    @Test
    void i420FramesAreJudgedOnTheirLumaLikeTheirBgrConversion() {
        MotionDetector bgr = new MotionDetector(25, 0.005, List.of());
        MotionDetector i420 = new MotionDetector(25, 0.005, List.of());
        int[] boxes = {-1, -1, -1, 100, 140, 140, 300};
        for (int boxX : boxes) {
            VideoFrame f = frame(boxX, 0);
            boolean a = bgr.update(f);
            boolean b = i420.update(I420Frames.toI420(f));
            assertThat(b).as("box at %d", boxX).isEqualTo(a);
            assertThat(i420.lastChangedFraction()).isCloseTo(bgr.lastChangedFraction(), within(0.002));
        }
    }

    @Test
    void motionInsideAMaskIsIgnored() {
        // Left half masked; the box moves inside it.
        MotionDetector m = new MotionDetector(25, 0.005, List.of(List.of(0.0, 0.0, 0.5, 0.0, 0.5, 1.0, 0.0, 1.0)));
        m.update(frame(-1, 0));
        assertThat(m.update(frame(50, 0))).isFalse();
        assertThat(m.update(frame(120, 0))).isFalse();
        assertThat(m.update(frame(400, 0))).as("box appears in the right half").isTrue();
    }

    @Test
    void polygonTestUsesEvenOddRule() {
        List<Double> triangle = List.of(0.0, 0.0, 1.0, 0.0, 0.0, 1.0);
        assertThat(MotionDetector.inside(triangle, 0.2, 0.2)).isTrue();
        assertThat(MotionDetector.inside(triangle, 0.8, 0.8)).isFalse();
    }

    @Test
    void staticSceneFallsToTheRefreshRate() {
        FakeTime time = FakeTime.atNanos(0);
        AtomicLong calls = new AtomicLong();
        Detector detector = new Detector() {
            @Override public List<Detection> detect(VideoFrame f) { calls.incrementAndGet(); return List.of(); }
            @Override public String modelName() { return "fake"; }
            @Override public String modelSha256() { return "0"; }
            @Override public InferenceTiming inferenceTiming() { return new InferenceTiming(io.edgewatch.util.TimeSource.system(), 1); }
            @Override public InferenceTiming preprocessTiming() { return inferenceTiming(); }
            @Override public void close() {}
        };
        MotionGate gate = MotionGate.of(new MotionConfig(true, 25, 0.005, 10, List.of()));
        CameraSlot slot = new CameraSlot("cam", 5, 1, gate, () -> frame(-1, time.nanos()));
        DetectLoop loop = new DetectLoop(detector, List.of(slot), (f, d) -> {}, time);
        while (time.nanos() < 60_000_000_000L) {
            time.advanceNanos(Math.max(0, loop.step()));
        }
        // One detection at start, then one per 10 s refresh: 6 or 7 in a minute instead of 300.
        assertThat(calls.get()).isBetween(6L, 7L);
        assertThat(slot.skipped(CameraSlot.Skip.NO_MOTION)).isBetween(290L, 295L);
    }
}
