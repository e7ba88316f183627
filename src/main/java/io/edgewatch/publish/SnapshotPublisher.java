package io.edgewatch.publish;

import io.edgewatch.event.DetectionEvent;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.snapshot.BgrImage;
import io.edgewatch.snapshot.SnapshotMaker;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the (face-blurred) snapshot of a new event from its frame and hands the JPEG to the publisher thread.
 * Runs on the {@code snapshot} thread behind a {@link SnapshotWorker} (about 5-10 ms per new event with
 * BlazeFace back-256, kept off the detect thread). A failure is logged and the event still goes out.
 */
public final class SnapshotPublisher implements BiConsumer<VideoFrame, DetectionEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

    private final SnapshotMaker maker;
    private final MqttPublisher publisher;

    public SnapshotPublisher(SnapshotMaker maker, MqttPublisher publisher) {
        this.maker = maker;
        this.publisher = publisher;
    }

    @Override
    public void accept(VideoFrame frame, DetectionEvent event) {
        try {
            DetectionEvent.Box b = event.box();
            byte[] jpeg = maker.snapshot(new BgrImage(frame.width(), frame.height(), frame.bgr()), b.x1(), b.y1(),
                    b.x2(), b.y2());
            publisher.publishSnapshot(event.camera(), jpeg);
        } catch (RuntimeException e) {
            LOG.warn("snapshot of event {} failed: {}", event.eventId(), e.toString());
        }
    }
}
