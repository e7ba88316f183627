package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import java.util.List;

/** An object detector, any format on any runtime (see docs/models.md). Not thread-safe: one caller at a time (it reuses its input buffers). */
public interface Detector extends AutoCloseable {
    /** Detections above the model's base threshold after NMS, boxes normalised to the frame. */
    List<Detection> detect(VideoFrame frame);

    /** Model name as shown in events and metrics, e.g. {@code nanodet-m-416.int8}. */
    String modelName();

    /** Hex sha256 of the model file, published with every event. */
    String modelSha256();

    /** Start/end stamps and latencies of the model run (metrics, bench, stuck-detector checks). */
    InferenceTiming inferenceTiming();

    /** Latencies of turning a frame into the model's input (resize, normalise). */
    InferenceTiming preprocessTiming();

    @Override
    void close();
}
