package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.MotionConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.ingest.FfmpegFrameSource;
import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.IngestOptions;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Motion gating on the bundled clip (people walking, 768x576, 10 fps, 30 s) and on a static scene made of its
 * first frame with fresh sensor noise every frame. Also the benchmark of docs/performance.md: inference calls
 * per minute with the gate on and off (printed; the assertion is only static < busy, the counts are exact
 * under fake time).
 */
class MotionGatingIT {
    private static final Path CLIP = Path.of("test-videos/vtest-people.mp4");
    private static final long FRAME_NANOS = 100_000_000L; // clip is 10 fps
    private final FakeTime time = FakeTime.atNanos(0);
    private FrameSource source;

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    /** Frames of the clip on the fake clock: the newest one decoded by now, read forward as time passes. */
    private Supplier<VideoFrame> clip() throws Exception {
        source = new FfmpegFrameSource(CameraConfig.builder("clip").url(CLIP.toString()).build(),
                IngestOptions.defaults());
        source.open();
        byte[][] buf = new byte[1][];
        long[] index = {-1};
        VideoFrame[] current = new VideoFrame[1];
        return () -> {
            try {
                while (index[0] < time.nanos() / FRAME_NANOS) {
                    FrameSource.Picture p = source.read(n -> buf[0] != null && buf[0].length == n ? buf[0] : (buf[0] = new byte[n]));
                    if (p == null) {
                        return current[0];
                    }
                    index[0]++;
                    current[0] = new VideoFrame("clip", index[0], index[0] * FRAME_NANOS, Instant.EPOCH,
                            p.width(), p.height(), p.bgr());
                }
                return current[0];
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The clip's first frame, still, with ±5 grey levels of fresh noise each frame, decoded just now. */
    private Supplier<VideoFrame> still() throws Exception {
        VideoFrame first = clip().get();
        byte[] base = first.bgr().clone();
        byte[] noisy = new byte[base.length];
        Random random = new Random(1);
        return () -> {
            for (int i = 0; i < base.length; i++) {
                noisy[i] = (byte) Math.max(0, Math.min(255, (base[i] & 0xff) + random.nextInt(11) - 5));
            }
            return new VideoFrame("still", time.nanos() / FRAME_NANOS, time.nanos() / FRAME_NANOS * FRAME_NANOS,
                    Instant.EPOCH, first.width(), first.height(), noisy);
        };
    }

    /** Inference calls in the clip's 30 s at detect_fps 5, scaled to a minute. */
    private long callsPerMinute(Supplier<VideoFrame> frames, boolean gated) {
        AtomicLong calls = new AtomicLong();
        Detector counting = new Detector() {
            @Override public List<Detection> detect(VideoFrame f) { calls.incrementAndGet(); return List.of(); }
            @Override public String modelName() { return "count"; }
            @Override public String modelSha256() { return "0"; }
            @Override public InferenceTiming inferenceTiming() { return new InferenceTiming(io.edgewatch.util.TimeSource.system(), 1); }
            @Override public InferenceTiming preprocessTiming() { return inferenceTiming(); }
            @Override public void close() {}
        };
        MotionGate gate = gated ? MotionGate.of(new MotionConfig(true, 25, 0.005, 10, List.of())) : null;
        CameraSlot slot = new CameraSlot("cam", 5, 1, gate, frames);
        DetectLoop loop = new DetectLoop(counting, List.of(slot), (f, d) -> {}, time);
        long end = time.nanos() + 29_900_000_000L;
        while (time.nanos() < end) {
            time.advanceNanos(Math.max(0, loop.step()));
        }
        return calls.get() * 2;
    }

    @Test
    void busyClipHasMotionOnMostFrames() throws Exception {
        Supplier<VideoFrame> frames = clip();
        MotionDetector m = new MotionDetector(25, 0.005, List.of());
        int motion = 0;
        int looked = 0;
        for (long t = 0; t < 29_800_000_000L; t += 200_000_000L) { // every 2nd frame, as at detect_fps 5
            time.setNanos(t);
            if (m.update(frames.get()) && t > 0) {
                motion++;
            }
            looked++;
        }
        System.out.printf(Locale.ROOT, "motion on %d of %d looked-at frames of %s%n", motion, looked - 1, CLIP);
        assertThat((double) motion / (looked - 1)).isGreaterThan(0.8);
    }

    /** Cost of the gate itself (printed for docs/performance.md; a timing, so not asserted). */
    @Test
    void gateCostPerFrame() throws Exception {
        VideoFrame clipFrame = clip().get();
        byte[] hd = new byte[1920 * 1080 * 3];
        new Random(2).nextBytes(hd);
        VideoFrame full = new VideoFrame("hd", 0, 0, Instant.EPOCH, 1920, 1080, hd);
        for (VideoFrame f : List.of(clipFrame, full)) {
            MotionDetector m = new MotionDetector(25, 0.005, List.of(List.of(0.0, 0.0, 0.3, 0.0, 0.3, 0.3)));
            for (int i = 0; i < 200; i++) {
                m.update(f); // warm up the JIT
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < 500; i++) {
                m.update(f);
            }
            System.out.printf(Locale.ROOT, "motion gate on %dx%d: %.3f ms per frame%n", f.width(), f.height(),
                    (System.nanoTime() - t0) / 500 / 1e6);
            assertThat(m.update(f)).as("the same frame again is no motion").isFalse();
        }
    }

    @Test
    void inferenceCallsPerMinuteStaticVersusBusy() throws Exception {
        long busyOff = callsPerMinute(clip(), false);
        time.setNanos(0);
        long busyOn = callsPerMinute(clip(), true);
        time.setNanos(0);
        long stillOff = callsPerMinute(still(), false);
        time.setNanos(0);
        long stillOn = callsPerMinute(still(), true);
        System.out.printf(Locale.ROOT, "inference calls/min at detect_fps 5, refresh 10 s:%n"
                + "  busy clip:   gate off %d, gate on %d%n  static scene: gate off %d, gate on %d%n",
                busyOff, busyOn, stillOff, stillOn);
        assertThat(stillOn).isLessThan(busyOn);
        assertThat(stillOn).isLessThanOrEqualTo(8); // the 10 s refresh (+ the first frame, ×2 rounding)
        assertThat(busyOn).isGreaterThan(busyOff * 8 / 10);
        assertThat(stillOff).isEqualTo(busyOff);
    }
}
