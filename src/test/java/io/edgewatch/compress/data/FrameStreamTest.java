package io.edgewatch.compress.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgewatch.ingest.VideoFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameStreamTest {
    @TempDir
    Path dir;

    @Test
    void videoFramesAreSelectedBySkipStrideAndMaxLazily() throws Exception {
        String clip = "test-videos/vtest-people.mp4";
        assumeTrue(Files.exists(Path.of(clip)), "bundled clip missing");
        List<String> names = new ArrayList<>();
        try (FrameStream s = FrameSampler.open(clip, new FrameSampler.Selection(3, 5, 4))) {
            assertThat(s.taken()).isZero();
            s.forEachRemaining(f -> names.add(f.camera()));
            assertThat(s.taken()).isEqualTo(4);
            assertThat(s.hasNext()).isFalse();
        }
        assertThat(names).containsExactly("frame-3", "frame-8", "frame-13", "frame-18");
    }

    @Test
    void imageFolderIsSortedByNameAndEndsEarlyWhenShort() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Mat m = new Mat(8, 12, opencv_core.CV_8UC3, new Scalar(10 * i, 0, 0, 0))) {
                opencv_imgcodecs.imwrite(dir.resolve("img" + i + ".png").toString(), m);
            }
        }
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        List<VideoFrame> frames = FrameSampler.read(dir.toString(), new FrameSampler.Selection(1, 2, 10), msg -> { });
        assertThat(frames).extracting(VideoFrame::camera).containsExactly("img1.png", "img3.png");
        assertThat(frames.get(1).width()).isEqualTo(12);
        assertThat(frames.get(1).bgr()[0] & 0xff).isEqualTo(30);
    }

    @Test
    void missingSourceIsAnIoError() {
        assertThatThrownBy(() -> FrameSampler.open(dir.resolve("nope.mp4").toString(),
                new FrameSampler.Selection(0, 1, 1))).isInstanceOf(IOException.class).hasMessageContaining("nope.mp4");
    }
}
