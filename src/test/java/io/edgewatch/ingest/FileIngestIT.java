package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real FFmpeg decoding of the bundled clips. */
class FileIngestIT {
    private static final Path CLIP = Path.of("test-videos/vtest-people.mp4");
    private static final Path TRUNCATED = Path.of("test-videos/truncated.mp4");
    private static final IngestOptions FAST_RETRY = IngestOptions.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    private final List<CameraIngest> started = new ArrayList<>();

    @BeforeAll
    static void clipsExist() {
        assertThat(CLIP).exists();
        assertThat(TRUNCATED).exists();
    }

    @AfterEach
    void closeAll() {
        started.forEach(CameraIngest::close);
    }

    private CameraIngest start(String name, Path file, boolean loop, TimeSource ticker) {
        CameraConfig cam = CameraConfig.builder(name).url(file.toString()).loop(loop).detectFps(1.0).build();
        CameraIngest ingest = new CameraIngest(cam, FAST_RETRY, ticker, FfmpegFrameSource::new, Math::random);
        started.add(ingest);
        ingest.start();
        return ingest;
    }

    @Test
    void decodesBgrFramesPacedToTheClipsFrameRate() throws InterruptedException {
        CameraIngest ingest = start("people", CLIP, false, TimeSource.system());
        VideoFrame first = ingest.mailbox().take(Duration.ofSeconds(10));
        assertThat(first).isNotNull();
        long t0 = System.nanoTime();
        List<VideoFrame> frames = new ArrayList<>();
        while (System.nanoTime() - t0 < 2_000_000_000L) {
            VideoFrame f = ingest.mailbox().take(Duration.ofMillis(500));
            if (f != null) {
                frames.add(f);
            }
        }
        assertThat(ingest.status().state()).isEqualTo(IngestState.STREAMING);
        assertThat(ingest.status().reason()).contains("768x576").contains("10.00 fps");
        assertThat(first.camera()).isEqualTo("people");
        assertThat(first.width()).isEqualTo(768);
        assertThat(first.height()).isEqualTo(576);
        assertThat(first.bgr()).hasSize(768 * 576 * 3);
        // The clip is 10 fps: about 20 frames in 2 s, never the ~600+/s the decoder manages unpaced.
        assertThat(frames.size()).isBetween(12, 30);
        long prev = first.sequence();
        for (VideoFrame f : frames) {
            assertThat(f.sequence()).isGreaterThan(prev);
            prev = f.sequence();
        }
        assertPlausibleBgr(frames.get(frames.size() - 1));
        assertThat(ingest.stats().decodeErrors()).isZero();
    }

    /** A grey street scene: mid-range mean, real variation, and not a grey image (B, G, R differ somewhere). */
    private static void assertPlausibleBgr(VideoFrame f) {
        byte[] p = f.bgr();
        long sum = 0;
        int min = 255, max = 0, colourDiffs = 0;
        for (int i = 0; i < p.length; i += 3) {
            int b = p[i] & 0xff, g = p[i + 1] & 0xff, r = p[i + 2] & 0xff;
            sum += b + g + r;
            min = Math.min(min, g);
            max = Math.max(max, g);
            colourDiffs += Math.abs(b - r) > 8 ? 1 : 0;
        }
        double mean = sum / (double) p.length;
        assertThat(mean).isBetween(40.0, 220.0);
        assertThat(max - min).isGreaterThan(100);
        assertThat(colourDiffs).isPositive();
    }

    @Test
    void loopingFileRestartsAtItsEnd() {
        // Fake time: no pacing waits, so the 300-frame clip is decoded several times in a few seconds.
        CameraIngest ingest = start("loop", CLIP, true, new FakeTime());
        await().atMost(Duration.ofSeconds(60)).until(() -> ingest.stats().framesDecoded() > 650);
        assertThat(ingest.isRunning()).isTrue();
        assertThat(ingest.status().state()).isEqualTo(IngestState.STREAMING);
        assertThat(ingest.stats().decodeErrors()).isZero();
        assertThat(ingest.stats().reconnects()).isZero();
    }

    @Test
    void truncatedFileFailsClearlyWithoutKillingAnything() {
        CameraIngest once = start("cut-once", TRUNCATED, false, new FakeTime());
        CameraIngest looping = start("cut-loop", TRUNCATED, true, new FakeTime());
        await().atMost(Duration.ofSeconds(20)).until(() -> once.status().state() == IngestState.FAILED);
        assertThat(once.status().reason()).contains("ended early at frame").contains("of 300").contains("truncated");
        assertThat(once.stats().framesDecoded()).isBetween(20L, 40L);
        assertThat(once.stats().decodeErrors()).isEqualTo(1);
        // the looping camera plays what there is, again and again, counting each premature end
        await().atMost(Duration.ofSeconds(30)).until(() -> looping.stats().decodeErrors() >= 3);
        assertThat(looping.isRunning()).isTrue();
        assertThat(looping.stats().framesDecoded()).isGreaterThan(60);
    }

    @Test
    void missingFileBacksOffWhileAnotherCameraKeepsStreaming() throws Exception {
        Path missing = Files.createTempDirectory("edgewatch-ingest").resolve("no-such-clip.mp4");
        CameraIngest bad = start("missing", missing, false, TimeSource.system());
        CameraIngest good = start("good", CLIP, true, TimeSource.system());
        await().atMost(Duration.ofSeconds(10)).until(() -> bad.stats().reconnects() >= 2);
        IngestStatus badStatus = bad.status();
        assertThat(badStatus.state()).isIn(IngestState.BACKOFF, IngestState.CONNECTING);
        assertThat(bad.stats().decodeErrors()).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> bad.status().state() == IngestState.BACKOFF);
        assertThat(bad.status().reason()).contains("open failed").contains("no such file").contains("no-such-clip.mp4");
        long before = good.stats().framesDecoded();
        await().atMost(Duration.ofSeconds(5)).until(() -> good.stats().framesDecoded() >= before + 10);
        assertThat(good.status().state()).isEqualTo(IngestState.STREAMING);
        assertThat(bad.isRunning()).isTrue();
        bad.close();
        assertThat(bad.isRunning()).isFalse();
        assertThat(bad.status().state()).isEqualTo(IngestState.STOPPED);
    }

    @Test
    void measuresDecodeCostPerFrame() throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CameraConfig cam = CameraConfig.builder("bench").url(CLIP.toString()).detectFps(1.0).build();
        try (FrameSource source = new FfmpegFrameSource(cam, IngestOptions.defaults())) {
            source.open();
            source.read(byte[]::new); // warm-up: first frame includes decoder setup
            long cpu0 = mx.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            byte[] reuse = new byte[768 * 576 * 3];
            int n = 0;
            while (source.read(size -> reuse) != null) {
                n++;
            }
            double wallMs = (System.nanoTime() - wall0) / 1e6 / n;
            double cpuMs = (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
            System.out.printf("decode cost %s 768x576 H.264 -> BGR24 copy, 1 thread: %.2f ms/frame wall, "
                    + "%.2f ms/frame CPU over %d frames%n", CLIP, wallMs, cpuMs, n);
            assertThat(n).isEqualTo(299);
            assertThat(cpuMs).isPositive();
        }
    }
}
