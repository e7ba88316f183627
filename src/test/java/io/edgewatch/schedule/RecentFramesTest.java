package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.ingest.PixelFormat;
import io.edgewatch.ingest.VideoFrame;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring keeps copies, recycles evicted pixels, and never touches pixels it handed out. */
class RecentFramesTest {
    private static VideoFrame frame(long seq, int value) {
        byte[] px = new byte[4 * 3 * 3];
        Arrays.fill(px, (byte) value);
        return new VideoFrame("cam", seq, seq, Instant.EPOCH, 4, 3, px);
    }

    @Test
    void keepsCopiesSampledByTheGapAndEvictsTheOldest() {
        RecentFrames r = new RecentFrames(2, 1_000);
        VideoFrame a = frame(1, 1);
        r.offer(a, List.of(), 0);
        r.offer(frame(2, 2), List.of(), 500);      // inside the gap: not kept
        r.offer(frame(3, 3), List.of(), 1_000);
        r.offer(frame(4, 4), List.of(), 2_000);   // evicts seq 1
        assertThat(r.size()).isEqualTo(2);
        List<RecentFrames.Sample> s = r.snapshot();
        assertThat(s).extracting(x -> x.frame().sequence()).containsExactly(3L, 4L);
        assertThat(s.get(0).frame().bgr()).isNotSameAs(a.bgr());
        Arrays.fill(a.bgr(), (byte) 9);            // the decoder reuses its buffer: the copy must not change
        assertThat(s.get(0).frame().bgr()[0]).isEqualTo((byte) 3);
    }

    @Test
    void anEvictedFramesPixelsTakeTheNextCopy() {
        RecentFrames r = new RecentFrames(1, 0);
        r.offer(frame(1, 1), List.of(), 0);
        byte[] first = r.peekNewest().bgr();
        r.offer(frame(2, 2), List.of(), 1);
        byte[] second = r.peekNewest().bgr();
        assertThat(second).isSameAs(first);
        assertThat(second[0]).isEqualTo((byte) 2);
    }

    @Test
    void pixelsHandedOutAreNeverReused() {
        RecentFrames r = new RecentFrames(1, 0);
        r.offer(frame(1, 1), List.of(), 0);
        List<RecentFrames.Sample> lent = r.snapshot();   // e.g. a model trial running on another thread
        r.offer(frame(2, 2), List.of(), 1);
        r.offer(frame(3, 3), List.of(), 2);
        assertThat(lent.get(0).frame().bgr()).containsOnly((byte) 1);
        assertThat(r.snapshot().get(0).frame().bgr()).containsOnly((byte) 3);
    }

    @Test
    void anI420FrameIsKeptAsI420AndItsArrayIsNotReusedForAnotherFormat() {
        RecentFrames r = new RecentFrames(1, 0);
        byte[] yuv = new byte[4 * 2 * 3 / 2];
        Arrays.fill(yuv, (byte) 5);
        r.offer(new VideoFrame("cam", 1, 1, Instant.EPOCH, 4, 2, PixelFormat.I420, yuv), List.of(), 0);
        VideoFrame kept = r.peekNewest();
        assertThat(kept.format()).isEqualTo(PixelFormat.I420);
        assertThat(kept.pixels()).hasSize(12).containsOnly((byte) 5).isNotSameAs(yuv);
        byte[] first = kept.pixels();
        r.offer(frame(2, 2), List.of(), 1); // 4x3 BGR: 36 bytes, its own array
        assertThat(r.peekNewest().format()).isEqualTo(PixelFormat.BGR24);
        assertThat(r.peekNewest().pixels()).isNotSameAs(first).hasSize(36);
    }

    @Test
    void aFrameOfAnotherSizeGetsItsOwnArray() {
        RecentFrames r = new RecentFrames(1, 0);
        r.offer(frame(1, 1), List.of(), 0);
        byte[] px = new byte[8 * 6 * 3];
        r.offer(new VideoFrame("cam", 2, 2, Instant.EPOCH, 8, 6, px), List.of(), 1);
        assertThat(r.snapshot().get(0).frame().bgr()).hasSize(8 * 6 * 3);
    }


    @Test
    void largeFramesAreKeptShrunkByAWholeFactorWithTheirDetections() {
        RecentFrames r = new RecentFrames(2, 0);
        int w = 1280;
        int h = 720;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                px[p] = (byte) (x % 2 == 0 ? 10 : 20);      // blue: columns alternate
                px[p + 1] = (byte) (y % 2 == 0 ? 100 : 201); // green: rows alternate
                px[p + 2] = (byte) 255;
            }
        }
        io.edgewatch.detect.Detection person = new io.edgewatch.detect.Detection(0, "person", 0.9f, 0.1f, 0.2f, 0.3f,
                0.4f);
        r.offer(new VideoFrame("cam", 7, 0, Instant.EPOCH, w, h, px), List.of(person), 0);
        RecentFrames.Sample kept = r.snapshot().get(0);
        assertThat(kept.frame().width()).isEqualTo(640);
        assertThat(kept.frame().height()).isEqualTo(360);
        assertThat(kept.frame().bgr()).hasSize(640 * 360 * 3);
        // every 2x2 block averaged, rounded: (10+20+10+20)/4 = 15, (100+100+201+201)/4 = 150.5 -> 151
        assertThat(kept.frame().bgr()[0]).isEqualTo((byte) 15);
        assertThat(kept.frame().bgr()[1] & 0xFF).isEqualTo(151);
        assertThat(kept.frame().bgr()[640 * 360 * 3 - 1] & 0xFF).isEqualTo(255);
        assertThat(kept.detections()).containsExactly(person);
        // a 768x576 frame (long side under 2 x 640) is kept as it is
        r.offer(frame(8, 8), List.of(), 1);
        assertThat(r.snapshot().get(1).frame().width()).isEqualTo(4);
    }

    @Test
    void a1080pFrameShrinksByThree() {
        RecentFrames r = new RecentFrames(1, 0);
        byte[] px = new byte[1920 * 1080 * 3];
        Arrays.fill(px, (byte) 77);
        r.offer(new VideoFrame("cam", 1, 0, Instant.EPOCH, 1920, 1080, px), List.of(), 0);
        VideoFrame kept = r.snapshot().get(0).frame();
        assertThat(kept.width()).isEqualTo(640);
        assertThat(kept.height()).isEqualTo(360);
        assertThat(kept.bgr()).containsOnly((byte) 77);
    }
}
