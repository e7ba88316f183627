package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.ingest.FfmpegFrameSource;
import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.IngestOptions;
import io.edgewatch.ingest.PixelFormat;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The daemon's detector on real decoded video: frames as the ingest hands them on (I420, resized before colour
 * conversion) against the same frames converted to BGR at full size first (the BGR path, within a grey level of
 * the Java reference). The int8 model, every 4th frame of test-videos/vtest-people.mp4 (768x576): the two must
 * agree about as well as two full-size conversions do (swscale's and OpenCV's, both shipped).
 */
class I420DetectionIT {
    @Test
    void i420FramesDetectWhatTheirBgrConversionDetects() throws Exception {
        CameraConfig cam = CameraConfig.builder("t").url("test-videos/vtest-people.mp4").build();
        Agreement agreement = new Agreement(0.45);
        Agreement converters = new Agreement(0.45);
        int frames = 0;
        int boxes = 0;
        double worstScore = 0;
        try (NanoDetDetector detector = new NanoDetDetector(Path.of("models/nanodet-m-416.int8.onnx"), 1,
                new NanoDetDecoder(416, 0.25, new Nms(0.6, 100)), TimeSource.system(), 16);
             FrameSource src = new FfmpegFrameSource(cam, IngestOptions.defaults());
             FrameSource sws = new FfmpegFrameSource(cam, IngestOptions.defaults())) {
            src.open();
            sws.open();
            for (int i = 0; i < 240 && src.grab() && sws.grab(); i++) {
                if (i % 4 != 0) {
                    continue;
                }
                FrameSource.Picture p = src.decoded(byte[]::new);
                assertThat(p.format()).isEqualTo(PixelFormat.I420);
                VideoFrame i420 = new VideoFrame("t", i, 0, Instant.EPOCH, p.width(), p.height(), p.format(),
                        p.pixels());
                VideoFrame bgr = new VideoFrame("t", i, 0, Instant.EPOCH, p.width(), p.height(), i420.bgr());
                List<Detection> reference = detector.detect(bgr);
                List<Detection> candidate = detector.detect(i420);
                agreement.add(reference, candidate);
                FrameSource.Picture s = sws.picture(byte[]::new);
                converters.add(reference, detector.detect(new VideoFrame("t", i, 0, Instant.EPOCH, s.width(),
                        s.height(), s.bgr())));
                frames++;
                for (Detection r : reference) {
                    if (r.score() < 0.45) {
                        continue;
                    }
                    boxes++;
                    Detection best = candidate.stream().filter(c -> c.classId() == r.classId())
                            .max((a, b) -> Float.compare(Nms.iou(a, r), Nms.iou(b, r))).orElse(null);
                    worstScore = Math.max(worstScore, best == null ? 1 : Math.abs(best.score() - r.score()));
                }
            }
        }
        LoggerFactory.getLogger(I420DetectionIT.class).info("{} frames, {} reference boxes >= 0.45: AP50 {}, "
                + "AP50:95 {}, largest score change {}; swscale's conversion against OpenCV's: AP50 {}, AP50:95 {}",
                frames, boxes, agreement.ap50(), agreement.ap50to95(), worstScore, converters.ap50(),
                converters.ap50to95());
        assertThat(frames).isEqualTo(60);
        assertThat(boxes).as("people in the clip").isGreaterThan(100);
        // Near the 0.45 threshold boxes come and go with any change of pixels: the yardstick is how much two
        // full-size conversions the daemon has shipped with (swscale on x86, OpenCV on arm64) disagree.
        assertThat(converters.ap50()).as("two full-size conversions").isGreaterThan(0.8);
        assertThat(agreement.ap50()).isGreaterThanOrEqualTo(converters.ap50() - 0.05);
    }
}
