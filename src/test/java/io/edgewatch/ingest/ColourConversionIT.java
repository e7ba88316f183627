package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CameraConfig;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two YUV → BGR paths on the bundled clip (768×576 H.264 yuv420p, 300 frames): swscale's bgr24 vs I420 +
 * OpenCV cvtColor. Asserted: same frames, nearly the same pixels (chroma upsampling differs, see below). Measured and
 * logged, not asserted: decode + conversion CPU ms/frame of the reading thread, per path (docs/performance.md).
 */
class ColourConversionIT {
    private static final Logger log = LoggerFactory.getLogger(ColourConversionIT.class);
    private static final String CLIP = "test-videos/vtest-people.mp4";
    private static final int COMPARED = 60;
    /**
     * Both convert BT.601 limited range; swscale interpolates chroma, OpenCV's I420 path repeats it, so colour
     * edges differ. Measured here over 60 frames: max 20, mean 1.04 (a swapped R/B or a full-range mix-up gives
     * a mean far above 2).
     */
    private static final int MAX_ABS_DIFF = 32;
    private static final double MAX_MEAN_DIFF = 2.0;

    @Test
    void openCvPathMatchesSwscaleOnRealFrames() throws Exception {
        List<byte[]> sws = frames(ColourConversion.SWSCALE, COMPARED);
        List<byte[]> cv = frames(ColourConversion.OPENCV, COMPARED);
        assertThat(cv).hasSameSizeAs(sws).hasSize(COMPARED);
        int max = 0;
        long sum = 0;
        long n = 0;
        for (int f = 0; f < sws.size(); f++) {
            byte[] a = sws.get(f);
            byte[] b = cv.get(f);
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                int d = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
                max = Math.max(max, d);
                sum += d;
            }
            n += a.length;
        }
        double mean = (double) sum / n;
        log.info("BGR difference swscale vs OpenCV over {} frames: max abs {}, mean abs {}", sws.size(), max,
                String.format(Locale.ROOT, "%.3f", mean));
        assertThat(max).isLessThanOrEqualTo(MAX_ABS_DIFF);
        assertThat(mean).isLessThan(MAX_MEAN_DIFF);
    }

    /** The daemon's frames: the decoder's planes copied unpadded, converted later (VideoFrame.bgr) as OpenCV would. */
    @Test
    void decodedI420FramesConvertToWhatTheOpenCvPathGives() throws Exception {
        List<byte[]> cv = frames(ColourConversion.OPENCV, 10);
        try (FfmpegFrameSource s = new FfmpegFrameSource(camera(), IngestOptions.defaults())) {
            s.open();
            for (int f = 0; f < cv.size(); f++) {
                assertThat(s.grab()).isTrue();
                FrameSource.Picture p = s.decoded(byte[]::new);
                assertThat(p.format()).isEqualTo(PixelFormat.I420);
                assertThat(p.pixels()).hasSize(768 * 576 * 3 / 2);
                VideoFrame frame = new VideoFrame("colour", f, 0, java.time.Instant.EPOCH, p.width(), p.height(),
                        p.format(), p.pixels());
                assertThat(frame.bgr()).as("frame %d", f).isEqualTo(cv.get(f));
            }
        }
    }

    @Test
    void costPerFrameOfEachPath() throws Exception {
        time(ColourConversion.OPENCV); // warm up natives
        time(ColourConversion.SWSCALE);
        StringBuilder out = new StringBuilder();
        for (int round = 0; round < 2; round++) {
            for (ColourConversion c : ColourConversion.values()) {
                out.append(String.format(Locale.ROOT, " %s %.2f ms/frame;", c, time(c)));
            }
        }
        log.info("decode + colour conversion CPU on {} ({}):{}", CLIP, System.getProperty("os.arch"), out);
    }

    private static CameraConfig camera() {
        return CameraConfig.builder("colour").url(CLIP).detectFps(1).build();
    }

    private static List<byte[]> frames(ColourConversion colour, int count) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FfmpegFrameSource s = new FfmpegFrameSource(camera(), IngestOptions.defaults().withColour(colour))) {
            s.open();
            FrameSource.Picture p;
            while (out.size() < count && (p = s.read(byte[]::new)) != null) {
                out.add(p.bgr());
            }
        }
        return out;
    }

    /** CPU ms per frame of this thread over the whole clip, one reused buffer. */
    private static double time(ColourConversion colour) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[][] buf = new byte[1][];
        try (FfmpegFrameSource s = new FfmpegFrameSource(camera(), IngestOptions.defaults().withColour(colour))) {
            s.open();
            long frames = 0;
            long cpu0 = mx.getCurrentThreadCpuTime();
            while (s.read(n -> buf[0] != null && buf[0].length == n ? buf[0] : (buf[0] = new byte[n])) != null) {
                frames++;
            }
            return (mx.getCurrentThreadCpuTime() - cpu0) / 1e6 / frames;
        }
    }
}
