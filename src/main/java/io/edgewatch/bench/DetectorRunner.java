package io.edgewatch.bench;

import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.ModelDetector;
import io.edgewatch.detect.Nms;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;

/**
 * Any model {@link DetectorFactory#open} takes (ONNX nanodet/yolo/ssd, TFLite), run the way the daemon runs it:
 * one {@code detect()} on a real frame = resize/normalise + inference + decode/NMS. Its row is named
 * {@code detect:<model> (<runtime>)} so it is not mistaken for the inference-only rows.
 */
final class DetectorRunner implements InferenceRunner {
    private final ModelDetector detector;
    private final VideoFrame frame;
    private final String name;

    DetectorRunner(Path model, int threads, VideoFrame frame) {
        this.detector = new DetectorFactory(TimeSource.system()).open(model, null, null, threads,
                BenchSuite.INPUT_SIZE, DetectorFactory.DEFAULT_BASE_SCORE,
                new Nms(0.6, DetectorFactory.DEFAULT_MAX_DETECTIONS));
        this.frame = frame;
        this.name = "detect:" + detector.modelName() + " (" + detector.runtime() + ")";
    }

    @Override
    public String name() { return name; }

    @Override
    public void runOnce() {
        detector.detect(frame);
    }

    @Override
    public void close() {
        detector.close();
    }
}
