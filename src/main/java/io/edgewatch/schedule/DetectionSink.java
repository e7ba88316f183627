package io.edgewatch.schedule;

import io.edgewatch.detect.Detection;
import io.edgewatch.ingest.VideoFrame;
import java.util.List;

/** Receives the result of one detect pass on one camera's frame. Called on the detect thread. */
@FunctionalInterface
public interface DetectionSink {
    void accept(VideoFrame frame, List<Detection> detections);
}
