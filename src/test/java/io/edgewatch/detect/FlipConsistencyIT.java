package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the cell-centre convention: NanoDet is trained with horizontal flips, so a box found in the
 * mirrored image, mirrored back, should land on the box found in the original. A wrong centre offset
 * shifts every box the same way in both images, so the mirrored-back boxes disagree by twice the error.
 */
class FlipConsistencyIT {
    private static final Logger log = LoggerFactory.getLogger(FlipConsistencyIT.class);
    private static final List<String> LABELS = List.of("dog", "bicycle", "truck");

    @Test
    void halfCellCentreMakesMirroredBoxesAgree() {
        VideoFrame frame = TestImages.load(TestImages.DOG, false);
        VideoFrame mirrored = TestImages.load(TestImages.DOG, true);
        float withHalf = mirrorError(0.5f, frame, mirrored);
        float withZero = mirrorError(0f, frame, mirrored);
        log.info("mean |edge difference| original vs mirrored-back, x in 416 px: centre (x+0.5)*s: {}, x*s: {}",
                withHalf * 416, withZero * 416);
        assertThat(withHalf).isLessThan(withZero);
    }

    /** Mean absolute difference of the x edges (normalised) over the labelled objects. */
    private static float mirrorError(float centreOffset, VideoFrame frame, VideoFrame mirrored) {
        NanoDetDecoder decoder = new NanoDetDecoder(416, 80, 0.25, centreOffset, new Nms(0.6, 100));
        try (NanoDetDetector detector = new NanoDetDetector(TestImages.fp32Model(), 2, decoder, TimeSource.system(), 4)) {
            List<Detection> a = detector.detect(frame);
            List<Detection> b = detector.detect(mirrored);
            float sum = 0;
            for (String label : LABELS) {
                Detection da = top(a, label);
                Detection db = top(b, label);
                sum += Math.abs(da.x1() - (1 - db.x2())) + Math.abs(da.x2() - (1 - db.x1()));
            }
            return sum / (2 * LABELS.size());
        }
    }

    private static Detection top(List<Detection> found, String label) {
        return found.stream().filter(d -> d.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + label + " in " + found));
    }
}
