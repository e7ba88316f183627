package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edgewatch.ingest.VideoFrame;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Instant;
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

    private static VideoFrame frame(int w, int h, byte[] bgr) {
        return new VideoFrame("test", 0, 0, Instant.EPOCH, w, h, bgr);
    }
}
