package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.I420Frames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The native path against the Java reference for every layout the daemon's detectors route through it. */
class ImagePreprocessorTest {

    /** Every format's conventions x NCHW/NHWC x float/uint8 (SSD TFLite is NHWC uint8, YOLO TFLite NHWC float). */
    static Stream<Arguments> layouts() {
        List<Arguments> out = new ArrayList<>();
        for (ModelFormat f : ModelFormat.values()) {
            for (boolean nhwc : new boolean[] {false, true}) {
                for (boolean uint8 : new boolean[] {false, true}) {
                    out.add(Arguments.of(f, nhwc, uint8));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} nhwc={1} uint8={2}")
    @MethodSource("layouts")
    void nativeMatchesTheJavaReferenceOnARealPhoto(ModelFormat format, boolean nhwc, boolean uint8) {
        VideoFrame dog = TestImages.load(TestImages.DOG, false); // 768x576, the bench clip's size
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(format, 320, 256, nhwc, uint8);
        float grey = maxGreyLevels(spec, dog.bgr(), dog.width(), dog.height());
        assertThat(grey).isLessThanOrEqualTo(ImagePreprocessor.MAX_GREY_LEVELS);
    }

    @ParameterizedTest(name = "{0} nhwc={1} uint8={2}")
    @MethodSource("layouts")
    void nativeMatchesTheJavaReferenceOnNoiseUpAndDown(ModelFormat format, boolean nhwc, boolean uint8) {
        Random rnd = new Random(5);
        for (int[] wh : new int[][] {{1280, 720}, {200, 300}, {61, 97}}) {
            byte[] bgr = new byte[wh[0] * wh[1] * 3];
            rnd.nextBytes(bgr); // worst case for fixed-point interpolation: every neighbour differs
            ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(format, 128, 96, nhwc, uint8);
            assertThat(maxGreyLevels(spec, bgr, wh[0], wh[1])).as("%dx%d", wh[0], wh[1])
                    .isLessThanOrEqualTo(ImagePreprocessor.MAX_GREY_LEVELS);
        }
    }

    @Test
    void letterboxPadsWithGreyAroundTheCentredFrameInRgbNhwc() {
        // 8x4 white frame into 8x8 YOLO (letterbox, RGB, /255): rows 0-1 and 6-7 are pad, rows 2-5 white
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(ModelFormat.YOLOV8, 8, 8, true, false);
        byte[] white = new byte[8 * 4 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        ByteBuffer buf = ImagePreprocessor.allocate(spec);
        try (ImagePreprocessor pre = new ImagePreprocessor(spec, buf)) {
            FrameMapping m = pre.fill(white, 8, 4);
            assertThat(m.padY()).isEqualTo(2f);
            float[] v = floats(buf, spec);
            for (int y = 0; y < 8; y++) {
                float expected = y < 2 || y >= 6 ? 114 / 255f : 1f;
                assertThat(v[(y * 8 + 3) * 3 + 1]).as("row %d", y).isCloseTo(expected, within(1e-6f));
            }
        }
    }

    @Test
    void uint8RgbPutsRedFirst() {
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(ModelFormat.SSD, 4, 4, true, true);
        byte[] bgr = new byte[4 * 4 * 3];
        for (int i = 0; i < 16; i++) {
            bgr[i * 3] = 10;
            bgr[i * 3 + 1] = 20;
            bgr[i * 3 + 2] = 30;
        }
        ByteBuffer buf = ImagePreprocessor.allocate(spec);
        try (ImagePreprocessor pre = new ImagePreprocessor(spec, buf)) {
            pre.fill(bgr, 4, 4);
            assertThat(new int[] {buf.get(0), buf.get(1), buf.get(2), buf.get(47)}).containsExactly(30, 20, 10, 10);
        }
    }

    @Test
    void theFrameSizeMayChangeBetweenFrames() {
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(ModelFormat.YOLOX, 16, 16, false, false);
        ByteBuffer buf = ImagePreprocessor.allocate(spec);
        try (ImagePreprocessor pre = new ImagePreprocessor(spec, buf)) {
            pre.fill(new byte[32 * 8 * 3], 32, 8); // content 16x4 at the top, pad below
            byte[] white = new byte[16 * 16 * 3];
            java.util.Arrays.fill(white, (byte) 255);
            FrameMapping m = pre.fill(white, 16, 16); // fills the whole input: no stale pad or content
            assertThat(m.contentHeight()).isEqualTo(16);
            float[] v = floats(buf, spec);
            for (float f : v) {
                assertThat(f).isEqualTo(255f);
            }
        }
    }

    /**
     * The I420 path (planes resized, then converted) against the Java reference on the full-size conversion of the
     * same I420 frame. Luma follows the reference to rounding; chroma is interpolated before instead of after the
     * colour conversion at half the output's resolution, so values at sharp colour edges move: on the dog photo
     * (768x576 -> 320x256, a JPEG with saturated edges) 1.7-1.8 grey levels on average, 16 at the 99th percentile,
     * 81 at most (logged per layout). What that does to detections: I420DetectionIT.
     */
    @ParameterizedTest(name = "{0} nhwc={1} uint8={2}")
    @MethodSource("layouts")
    void i420PathStaysCloseToTheReferenceOnTheConvertedFrame(ModelFormat format, boolean nhwc, boolean uint8) {
        VideoFrame frame = I420Frames.toI420(TestImages.load(TestImages.DOG, false));
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(format, 320, 256, nhwc, uint8);
        float[] diff = greyLevels(spec, frame);
        assertThat(diff[1]).as("mean").isLessThanOrEqualTo(2f);
        assertThat(diff[2]).as("99th percentile").isLessThanOrEqualTo(17f);
        assertThat(diff[0]).as("max").isLessThanOrEqualTo(96f);
    }

    @Test
    void i420WithAnOddRegionIsConvertedAtFullSizeAndMatchesTheReference() {
        VideoFrame frame = I420Frames.toI420(TestImages.load(TestImages.DOG, false));
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(ModelFormat.NANODET, 127, 95, false, false);
        assertThat(greyLevels(spec, frame)[0]).isLessThanOrEqualTo(ImagePreprocessor.MAX_GREY_LEVELS);
    }

    @Test
    void formatsAndSizesMayAlternate() {
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(ModelFormat.YOLOX, 16, 16, false, false);
        ByteBuffer buf = ImagePreprocessor.allocate(spec);
        byte[] white = new byte[16 * 16 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        byte[] whiteI420 = I420Frames.toI420(white, 16, 16);
        try (ImagePreprocessor pre = new ImagePreprocessor(spec, buf)) {
            pre.fillI420(new byte[32 * 8 * 3 / 2], 32, 8); // content 16x4 at the top, pad below
            pre.fill(new byte[16 * 16 * 3], 16, 16);
            FrameMapping m = pre.fillI420(whiteI420, 16, 16); // the whole input: no stale pad or content
            assertThat(m.contentHeight()).isEqualTo(16);
            for (float f : floats(buf, spec)) {
                assertThat(f).isEqualTo(255f);
            }
            pre.fill(new byte[32 * 8 * 3], 32, 8);
            float[] v = floats(buf, spec);
            assertThat(v[5 * 16 + 3]).as("pad below the 16x4 content").isEqualTo(114f);
            assertThat(v[2 * 16 + 3]).as("black content").isEqualTo(0f);
        }
    }

    /** Max and mean |I420 path - reference on the converted frame|, in grey levels. */
    private static float[] greyLevels(ImagePreprocessor.Spec spec, VideoFrame i420) {
        ByteBuffer buf = ImagePreprocessor.allocate(spec);
        try (ImagePreprocessor pre = new ImagePreprocessor(spec, buf)) {
            FrameMapping a = pre.fillReference(i420.bgr(), i420.width(), i420.height());
            float[] reference = values(buf, spec);
            FrameMapping b = pre.fill(i420);
            float[] fast = values(buf, spec);
            assertThat(b).isEqualTo(a);
            float[] g = new float[fast.length];
            double sum = 0;
            for (int i = 0; i < fast.length; i++) {
                float d = Math.abs(fast[i] - reference[i]);
                g[i] = spec.uint8() ? d : d * spec.std()[channel(spec, i)];
                sum += g[i];
            }
            Arrays.sort(g);
            float max = g[g.length - 1];
            float mean = (float) (sum / g.length);
            float p99 = g[(int) (g.length * 0.99)];
            LoggerFactory.getLogger(ImagePreprocessorTest.class).info("I420 {} {}x{}: grey levels max {}, p99 {}, "
                    + "mean {}", spec, i420.width(), i420.height(), max, p99, mean);
            return new float[] {max, mean, p99};
        }
    }

    /** Largest |native - reference| over the tensor, in grey levels (float values times the channel's std). */
    private static float maxGreyLevels(ImagePreprocessor.Spec spec, byte[] bgr, int w, int h) {
        ByteBuffer buf = ImagePreprocessor.allocate(spec);
        try (ImagePreprocessor pre = new ImagePreprocessor(spec, buf)) {
            FrameMapping a = pre.fillReference(bgr, w, h);
            float[] reference = values(buf, spec);
            FrameMapping b = pre.fill(bgr, w, h);
            float[] fast = values(buf, spec);
            assertThat(b).isEqualTo(a);
            float max = 0;
            float maxRaw = 0;
            for (int i = 0; i < fast.length; i++) {
                float d = Math.abs(fast[i] - reference[i]);
                maxRaw = Math.max(maxRaw, d);
                max = Math.max(max, spec.uint8() ? d : d * spec.std()[channel(spec, i)]);
            }
            if (!spec.uint8()) { // rounded to uint8 the two often agree exactly
                assertThat(max).as("two different computations (8-bit fixed point vs float)").isPositive();
            }
            LoggerFactory.getLogger(ImagePreprocessorTest.class).info("{} {}x{}: max abs diff {} ({} grey levels)",
                    spec, w, h, maxRaw, max);
            return max;
        }
    }

    private static int channel(ImagePreprocessor.Spec spec, int i) {
        return spec.nhwc() ? i % 3 : i / (spec.width() * spec.height());
    }

    private static float[] values(ByteBuffer buf, ImagePreprocessor.Spec spec) {
        if (!spec.uint8()) {
            return floats(buf, spec);
        }
        float[] out = new float[3 * spec.width() * spec.height()];
        for (int i = 0; i < out.length; i++) {
            out[i] = buf.get(i) & 0xff;
        }
        return out;
    }

    private static float[] floats(ByteBuffer buf, ImagePreprocessor.Spec spec) {
        float[] out = new float[3 * spec.width() * spec.height()];
        buf.duplicate().order(buf.order()).clear().asFloatBuffer().get(out);
        return out;
    }
}
