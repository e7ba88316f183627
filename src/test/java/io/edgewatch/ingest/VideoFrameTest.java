package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VideoFrameTest {
    @Test
    void sizesPerFormat() {
        assertThat(PixelFormat.BGR24.bytes(768, 576)).isEqualTo(1_327_104);
        assertThat(PixelFormat.I420.bytes(768, 576)).isEqualTo(663_552);
    }

    @Test
    void aBgrFrameIsItsOwnConversion() {
        byte[] bgr = new byte[4 * 2 * 3];
        VideoFrame f = new VideoFrame("c", 0, 0, Instant.EPOCH, 4, 2, bgr);
        assertThat(f.format()).isEqualTo(PixelFormat.BGR24);
        assertThat(f.bgr()).isSameAs(bgr).isSameAs(f.pixels());
    }

    @Test
    void anI420FrameConvertsToANewBgrArray() {
        byte[] i420 = new byte[4 * 2 * 3 / 2];
        java.util.Arrays.fill(i420, 0, 8, (byte) 235); // white in limited range, U = V = 128
        java.util.Arrays.fill(i420, 8, 12, (byte) 128);
        VideoFrame f = new VideoFrame("c", 0, 0, Instant.EPOCH, 4, 2, PixelFormat.I420, i420);
        byte[] bgr = f.bgr();
        assertThat(bgr).hasSize(24).isNotSameAs(i420);
        for (byte b : bgr) {
            assertThat(b & 0xff).isEqualTo(255);
        }
    }

    @Test
    void anI420FrameNeedsAnEvenSizeAndItsThreePlanes() {
        assertThatThrownBy(() -> new VideoFrame("c", 0, 0, Instant.EPOCH, 5, 2, PixelFormat.I420, new byte[15]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("even");
        assertThatThrownBy(() -> new VideoFrame("c", 0, 0, Instant.EPOCH, 4, 2, PixelFormat.I420, new byte[11]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
    }
}
