package io.edgewatch.track;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.ZoneConfig;
import io.edgewatch.detect.Detection;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventType;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.schedule.DetectionSink;
import io.edgewatch.util.ThreadConfined;
import io.edgewatch.util.ThreadOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The track stage: detections → events. Label, score and area filters and per-camera masks from config, one
 * tracker per camera (with that camera's zones), track changes turned into versioned events and handed on (to the
 * publisher). Runs on the detect thread; {@link #setDetect} may be called from the config reloader.
 */
@ThreadConfined("detect")
public final class EventStage implements DetectionSink {
    private final ThreadOwner owner = new ThreadOwner("EventStage");
    private volatile DetectConfig detect;
    private final EventFactory factory;
    private volatile DetectionEvent.ModelRef model;
    private final Consumer<DetectionEvent> out;
    private final TrackerSettings trackerSettings;
    private final Map<String, CameraConfig> configs = new ConcurrentHashMap<>();
    private volatile BiConsumer<VideoFrame, DetectionEvent> snapshots;
    private final Map<String, CameraTracks> cameras = new ConcurrentHashMap<>();

    private static final class CameraTracks {
        final IouTracker tracker;
        List<Polygon> masks;
        Instant lastFrameTime = Instant.EPOCH;
        DetectionEvent.FrameSize lastSize = new DetectionEvent.FrameSize(1, 1);

        CameraTracks(TrackerSettings s, CameraConfig config) {
            tracker = new IouTracker(s);
            configure(config);
        }

        void configure(CameraConfig config) {
            tracker.setZones(config == null ? List.of() : config.zones().stream()
                    .map(z -> new Zone(z.name(), polygon(z.points()))).toList());
            masks = config == null ? List.of() : config.masks().stream().map(EventStage::polygon).toList();
        }
    }

    public EventStage(DetectConfig detect, TrackerSettings trackerSettings, EventFactory factory,
                      DetectionEvent.ModelRef model, Consumer<DetectionEvent> out) {
        this(detect, trackerSettings, factory, model, out, List.of());
    }

    /** @param cameraConfigs zones and masks per camera name (cameras not listed have none) */
    public EventStage(DetectConfig detect, TrackerSettings trackerSettings, EventFactory factory,
                      DetectionEvent.ModelRef model, Consumer<DetectionEvent> out, List<CameraConfig> cameraConfigs) {
        this.detect = detect;
        this.trackerSettings = trackerSettings;
        this.factory = factory;
        this.model = model;
        this.out = out;
        cameraConfigs.forEach(c -> configs.put(c.name(), c));
    }

    /** Swaps the label and score filters (live reload); the next frame uses them. */
    public void setDetect(DetectConfig detect) {
        this.detect = Objects.requireNonNull(detect, "detect");
    }

    /** The model named in events from now on (a hot-swap calls it on the detect thread before the first frame). */
    public void setModel(DetectionEvent.ModelRef model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    public DetectConfig detect() {
        return detect;
    }

    @Override
    public void accept(VideoFrame frame, List<Detection> detections) {
        assert owner.check();
        DetectConfig detect = this.detect;
        CameraTracks c = cameras.computeIfAbsent(frame.camera(),
                k -> new CameraTracks(trackerSettings, configs.get(k)));
        List<Detection> wanted = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            if (detect.wants(d.label()) && d.score() >= detect.minScoreFor(d.label())
                    && d.area() >= detect.minAreaFor(d.label()) && !masked(c, d)) {
                wanted.add(d);
            }
        }
        c.lastFrameTime = frame.captureTime();
        c.lastSize = new DetectionEvent.FrameSize(frame.width(), frame.height());
        for (TrackEvent t : c.tracker.update(wanted, frame.decodedNanos())) {
            DetectionEvent e = emit(frame.camera(), c, t);
            if (t.type() == EventType.NEW && snapshots != null) {
                snapshots.accept(frame, e);
            }
        }
    }

    /**
     * New zones and masks per camera (live reload), on the detect thread between frames: open tracks keep their
     * ids; a camera no longer listed has its tracks ended, so subscribers never keep a ghost object.
     */
    public void setCameras(List<CameraConfig> cameraConfigs) {
        configs.clear();
        cameraConfigs.forEach(c -> configs.put(c.name(), c));
        cameras.entrySet().removeIf(e -> {
            CameraConfig config = configs.get(e.getKey());
            if (config == null) {
                e.getValue().tracker.endAll().forEach(t -> emit(e.getKey(), e.getValue(), t));
                return true;
            }
            e.getValue().configure(config);
            return false;
        });
    }

    /** Ends every open track (on shutdown), so subscribers never keep a ghost object. */
    public void endAll() {
        owner.transfer(); // shutdown ends the tracks after the detect thread was joined
        cameras.forEach((camera, c) -> c.tracker.endAll().forEach(t -> emit(camera, c, t)));
    }

    /** Called on the detect thread for each new event, while the frame is still valid. */
    public void snapshots(BiConsumer<VideoFrame, DetectionEvent> sink) {
        this.snapshots = sink;
    }

    private DetectionEvent emit(String camera, CameraTracks c, TrackEvent t) {
        DetectionEvent e = factory.create(t.type(), Long.toString(t.trackId()), camera, c.lastFrameTime, c.lastSize,
                t.detection(), model, t.zones());
        out.accept(e);
        return e;
    }

    private static boolean masked(CameraTracks c, Detection d) {
        for (Polygon m : c.masks) {
            if (m.contains(Zone.anchorX(d), Zone.anchorY(d))) {
                return true;
            }
        }
        return false;
    }

    private static Polygon polygon(List<ZoneConfig.Point> points) {
        return new Polygon(points.stream().map(p -> new double[] {p.x(), p.y()}).toList());
    }
}
