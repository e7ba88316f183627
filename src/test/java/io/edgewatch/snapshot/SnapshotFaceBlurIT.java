package io.edgewatch.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snapshots leave the process without a face BlazeFace (back-256) still finds above the threshold, checked by
 * decoding the published JPEG and searching it again. Real faces: messi5.jpg from Debian opencv-doc (BlazeFace
 * finds the face at 0.85 unblurred, so the test can fail); Megamind.avi frames as the issue asks (its animated
 * faces score at most ~0.4 with this model, measured, so they cannot make the test fail on their own).
 */
class SnapshotFaceBlurIT {
    private static final float THRESHOLD = 0.5f;
    private static final String MESSI = "/usr/share/doc/opencv-doc/examples/data/messi5.jpg";
    private static BlazeFace faces;

    @BeforeAll
    static void load() {
        faces = BlazeFace.load(Path.of("models/blazeface-back-256.onnx"));
    }

    @AfterAll
    static void close() {
        faces.close();
    }

    @Test
    void personCropHasAFaceBeforeAndNoneAfterBlurring() {
        BgrImage photo = read(MESSI);
        double[] box = {0.30, 0.10, 0.60, 0.95};   // a person box around the player in the centre
        byte[] plain = new SnapshotMaker(320, 85, null, false).snapshot(photo, box[0], box[1], box[2], box[3]);
        List<BlazeFace.Face> before = faces.detect(SnapshotMaker.decode(plain), THRESHOLD);
        assertThat(before).as("un-blurred snapshot shows a face").isNotEmpty();

        byte[] safe = new SnapshotMaker(320, 85, new FaceBlur(faces, THRESHOLD), false)
                .snapshot(photo, box[0], box[1], box[2], box[3]);
        BgrImage published = SnapshotMaker.decode(safe);
        assertThat(faces.detect(published, THRESHOLD)).as("faces left in the published JPEG").isEmpty();
        assertThat(published.width()).isEqualTo(SnapshotMaker.decode(plain).width());
        System.out.printf("messi crop: face score %.3f before, %d bytes JPEG, best after blur %.3f%n",
                before.get(0).score(), safe.length, best(published));
    }

    @Test
    void megamindSnapshotsContainNoFaceAboveThreshold() throws Exception {
        SnapshotMaker maker = new SnapshotMaker(320, 80, new FaceBlur(faces, THRESHOLD), false);
        float worstBefore = 0;
        int checked = 0;
        for (BgrImage frame : MegamindFrames.read(45, 6)) {
            for (double[] box : List.of(new double[] {0.2, 0.0, 0.8, 1.0}, new double[] {0.0, 0.2, 0.5, 0.9})) {
                worstBefore = Math.max(worstBefore, best(SnapshotMaker.crop(frame, box[0], box[1], box[2], box[3])));
                BgrImage published = SnapshotMaker.decode(maker.snapshot(frame, box[0], box[1], box[2], box[3]));
                assertThat(faces.detect(published, THRESHOLD)).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(90);
        System.out.printf("megamind: %d snapshots, best face score before blurring %.3f%n", checked, worstBefore);
    }

    @Test
    void fullFrameOnlyWhenAskedAndSizeIsBounded() {
        BgrImage photo = read(MESSI);
        BgrImage crop = SnapshotMaker.decode(new SnapshotMaker(100, 80, null, false)
                .snapshot(photo, 0.3, 0.1, 0.6, 0.95));
        BgrImage full = SnapshotMaker.decode(new SnapshotMaker(100, 80, null, true)
                .snapshot(photo, 0.3, 0.1, 0.6, 0.95));
        assertThat(Math.max(crop.width(), crop.height())).isEqualTo(100);
        assertThat((double) crop.width() / crop.height()).isLessThan(1.0);
        assertThat((double) full.width() / full.height()).isCloseTo((double) photo.width() / photo.height(),
                org.assertj.core.data.Offset.offset(0.05));
    }

    private static float best(BgrImage img) {
        return (float) faces.detect(img, 0.05f).stream().mapToDouble(BlazeFace.Face::score).max().orElse(0);
    }

    private static BgrImage read(String file) {
        Mat m = opencv_imgcodecs.imread(file);
        byte[] b = new byte[m.cols() * m.rows() * 3];
        m.data().get(b);
        return new BgrImage(m.cols(), m.rows(), b);
    }
}
