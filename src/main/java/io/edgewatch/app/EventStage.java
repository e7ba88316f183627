package io.edgewatch.app;

import io.edgewatch.config.DetectConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventType;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.schedule.DetectionSink;
import io.edgewatch.track.IouTracker;
import io.edgewatch.track.TrackEvent;
import io.edgewatch.track.TrackerSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Detections → events: label and score filters from config, one tracker per camera, track changes turned into
 * versioned events and handed to the publisher. Runs on the detect thread.
 */
final class EventStage implements DetectionSink {
    private volatile DetectConfig detect;
    private final EventFactory factory;
    private final DetectionEvent.ModelRef model;
    private final Consumer<DetectionEvent> out;
    private final TrackerSettings trackerSettings;
    private final Map<String, CameraTracks> cameras = new ConcurrentHashMap<>();

    private static final class CameraTracks {
        final IouTracker tracker;
        Instant lastFrameTime = Instant.EPOCH;
        DetectionEvent.FrameSize lastSize = new DetectionEvent.FrameSize(1, 1);

        CameraTracks(TrackerSettings s) {
            tracker = new IouTracker(s);
        }
    }

    EventStage(DetectConfig detect, TrackerSettings trackerSettings, EventFactory factory,
               DetectionEvent.ModelRef model, Consumer<DetectionEvent> out) {
        this.detect = detect;
        this.trackerSettings = trackerSettings;
        this.factory = factory;
        this.model = model;
        this.out = out;
    }

    /** Swaps the label and score filters (live reload); the next frame uses them. */
    void setDetect(DetectConfig detect) {
        this.detect = java.util.Objects.requireNonNull(detect, "detect");
    }

    DetectConfig detect() {
        return detect;
    }

    @Override
    public void accept(VideoFrame frame, List<Detection> detections) {
        DetectConfig detect = this.detect;
        List<Detection> wanted = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            if (detect.wants(d.label()) && d.score() >= detect.minScoreFor(d.label())) {
                wanted.add(d);
            }
        }
        CameraTracks c = cameras.computeIfAbsent(frame.camera(), k -> new CameraTracks(trackerSettings));
        c.lastFrameTime = frame.captureTime();
        c.lastSize = new DetectionEvent.FrameSize(frame.width(), frame.height());
        for (TrackEvent t : c.tracker.update(wanted, frame.decodedNanos())) {
            emit(frame.camera(), c, t);
        }
    }

    /** Ends every open track (on shutdown), so subscribers never keep a ghost object. */
    void endAll() {
        cameras.forEach((camera, c) -> c.tracker.endAll().forEach(t -> emit(camera, c, t)));
    }

    private void emit(String camera, CameraTracks c, TrackEvent t) {
        EventType type = switch (t.type()) {
            case NEW -> EventType.NEW;
            case UPDATE -> EventType.UPDATE;
            case END -> EventType.END;
        };
        out.accept(factory.create(type, Long.toString(t.trackId()), camera, c.lastFrameTime, c.lastSize,
                t.detection(), model));
    }
}
