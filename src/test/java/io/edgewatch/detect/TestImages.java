package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.ingest.VideoFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Test images and models for the detector ITs. */
final class TestImages {
    static final Path DOG = Path.of("/usr/share/darknet/data/dog.jpg");
    static final Path PERSON = Path.of("/usr/share/darknet/data/person.jpg");

    private TestImages() {}

    /** The fp32 model; fails (not skips) when it is missing, naming the expected path. */
    static Path fp32Model() {
        Path model = Path.of(System.getProperty("edgewatch.model.fp32", "models/nanodet-m-416.onnx"));
        assertThat(Files.isRegularFile(model))
                .as("model file %s is missing (working dir %s); it is produced by `edgewatch models import` "
                        + "and belongs in the repo", model, Path.of("").toAbsolutePath())
                .isTrue();
        return model;
    }

    /** Reads a JPEG with OpenCV (BGR) into a VideoFrame; optionally mirrored left-right. */
    static VideoFrame load(Path image, boolean mirror) {
        assertThat(Files.isRegularFile(image)).as("test image %s (Debian package darknet)", image).isTrue();
        try (Mat mat = opencv_imgcodecs.imread(image.toString())) {
            assertThat(mat.empty()).as("OpenCV could not decode %s", image).isFalse();
            if (mirror) {
                opencv_core.flip(mat, mat, 1);
            }
            Mat packed = mat.isContinuous() ? mat : mat.clone();
            byte[] bgr = new byte[packed.cols() * packed.rows() * 3];
            packed.data().get(bgr);
            return new VideoFrame("test", 0, 0, Instant.EPOCH, packed.cols(), packed.rows(), bgr);
        }
    }
}
