package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgewatch.ingest.VideoFrame;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.Random;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

class NanoDetPreprocessorTest {

    @Test
    void sameSizeFrameIsCopiedPlanarBgrAndNormalised() {
        int s = 4;
        byte[] bgr = new byte[s * s * 3];
        for (int i = 0; i < s * s; i++) {
            bgr[i * 3] = (byte) (10 * i);          // B
            bgr[i * 3 + 1] = (byte) (100 + i);     // G
            bgr[i * 3 + 2] = (byte) (250 - i);     // R
        }
        NanoDetPreprocessor pre = new NanoDetPreprocessor(s);
        FloatBuffer in = pre.fill(frame(s, s, bgr));

        assertThat(in.limit()).isEqualTo(3 * s * s);
        for (int i = 0; i < s * s; i++) {
            assertThat(in.get(i)).as("B %d", i).isCloseTo((10 * i - 103.53f) / 57.375f, within(1e-5f));
            assertThat(in.get(s * s + i)).as("G %d", i).isCloseTo((100 + i - 116.28f) / 57.12f, within(1e-5f));
            assertThat(in.get(2 * s * s + i)).as("R %d", i).isCloseTo((250 - i - 123.675f) / 58.395f, within(1e-5f));
        }
    }

    @Test
    void bufferIsDirectNativeOrderAndReused() {
        NanoDetPreprocessor pre = new NanoDetPreprocessor(8);
        FloatBuffer first = pre.fill(frame(16, 12, new byte[16 * 12 * 3]));
        FloatBuffer second = pre.fill(frame(20, 20, new byte[20 * 20 * 3]));
        assertThat(first).isSameAs(second);
        assertThat(first.isDirect()).isTrue();
        assertThat(first.order()).isEqualTo(ByteOrder.nativeOrder());
        assertThat(pre.shape()).containsExactly(1, 3, 8, 8);
    }

    @Test
    void halvingAveragesPixelPairs() {
        // 8x2 frame, blue ramps 0,20,40..140 along x; output 4x1: pixel centres fall between source pairs
        byte[] bgr = new byte[8 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 8; x++) {
                bgr[(y * 8 + x) * 3] = (byte) (20 * x);
            }
        }
        NanoDetPreprocessor pre = new NanoDetPreprocessor(4);
        FloatBuffer in = pre.fill(bgr, 8, 2);
        for (int x = 0; x < 4; x++) {
            float expected = (20 * (2 * x) + 20 * (2 * x + 1)) / 2f;
            for (int y = 0; y < 4; y++) {
                assertThat(in.get(y * 4 + x)).isCloseTo((expected - 103.53f) / 57.375f, within(1e-4f));
            }
        }
    }

    @Test
    void constantFrameGivesConstantPlanesAtAnyScale() {
        byte[] bgr = new byte[37 * 23 * 3];
        for (int i = 0; i < 37 * 23; i++) {
            bgr[i * 3] = 50;
            bgr[i * 3 + 1] = (byte) 200;
            bgr[i * 3 + 2] = (byte) 255;
        }
        FloatBuffer in = new NanoDetPreprocessor(16).fill(bgr, 37, 23);
        for (int i = 0; i < 256; i++) {
            assertThat(in.get(i)).isCloseTo((50 - 103.53f) / 57.375f, within(1e-5f));
            assertThat(in.get(256 + i)).isCloseTo((200 - 116.28f) / 57.12f, within(1e-5f));
            assertThat(in.get(512 + i)).isCloseTo((255 - 123.675f) / 58.395f, within(1e-5f));
        }
    }

    @Test
    void nativePathMatchesTheJavaReferenceOnARealPhoto() {
        VideoFrame dog = TestImages.load(TestImages.DOG, false); // 768x576, the bench clip's size
        assertThat(maxAbsDiff(dog.bgr(), dog.width(), dog.height(), 416))
                .isLessThanOrEqualTo(NanoDetPreprocessor.MAX_ABS_DIFF);
    }

    @Test
    void nativePathMatchesTheJavaReferenceOnNoiseUpAndDown() {
        Random rnd = new Random(3);
        for (int[] wh : new int[][] {{1280, 720}, {300, 200}, {97, 61}}) {
            byte[] bgr = new byte[wh[0] * wh[1] * 3];
            rnd.nextBytes(bgr); // worst case for fixed-point interpolation: every neighbour differs
            assertThat(maxAbsDiff(bgr, wh[0], wh[1], 128)).as("%dx%d", wh[0], wh[1])
                    .isLessThanOrEqualTo(NanoDetPreprocessor.MAX_ABS_DIFF);
        }
    }

    @Test
    void aDifferentFrameSizeAfterwardsIsResizedFromTheNewFrame() {
        NanoDetPreprocessor pre = new NanoDetPreprocessor(4);
        pre.fill(new byte[64 * 48 * 3], 64, 48);
        byte[] white = new byte[8 * 8 * 3];
        java.util.Arrays.fill(white, (byte) 255);
        FloatBuffer in = pre.fill(white, 8, 8);
        assertThat(in.get(0)).isCloseTo((255 - 103.53f) / 57.375f, within(1e-5f));
        assertThat(in.get(47)).isCloseTo((255 - 123.675f) / 58.395f, within(1e-5f));
    }

    /** Largest |native - reference| over the whole tensor; also printed for docs/benchmarks.md. */
    private static float maxAbsDiff(byte[] bgr, int w, int h, int size) {
        NanoDetPreprocessor pre = new NanoDetPreprocessor(size);
        float[] reference = new float[3 * size * size];
        pre.fillReference(bgr, w, h).get(reference);
        float[] fast = new float[reference.length];
        pre.fill(bgr, w, h).get(fast);
        float max = 0;
        for (int i = 0; i < fast.length; i++) {
            max = Math.max(max, Math.abs(fast[i] - reference[i]));
        }
        assertThat(max).as("two different computations (8-bit fixed point vs float)").isPositive();
        LoggerFactory.getLogger(NanoDetPreprocessorTest.class).info("{}x{} -> {}: max abs diff {}", w, h, size, max);
        pre.close();
        return max;
    }

    private static VideoFrame frame(int w, int h, byte[] bgr) {
        return new VideoFrame("test", 0, 0, Instant.EPOCH, w, h, bgr);
    }
}
