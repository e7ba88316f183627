package io.edgewatch.schedule;

import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.InferenceTiming;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.util.List;
import java.util.function.Consumer;

/** A detector that finds nothing; {@code onFrame} lets a test charge fake time or record what was served. */
final class FakeDetector implements Detector {
    private final Consumer<VideoFrame> onFrame;
    private final InferenceTiming timing = new InferenceTiming(TimeSource.system(), 1);

    FakeDetector(Consumer<VideoFrame> onFrame) {
        this.onFrame = onFrame;
    }

    @Override public List<Detection> detect(VideoFrame f) {
        onFrame.accept(f);
        return List.of();
    }
    @Override public String modelName() { return "fake"; }
    @Override public String modelSha256() { return "0"; }
    @Override public InferenceTiming inferenceTiming() { return timing; }
    @Override public InferenceTiming preprocessTiming() { return timing; }
    @Override public void close() {}
}
