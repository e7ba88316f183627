package io.edgewatch.event;

import io.edgewatch.config.Names;
import io.edgewatch.detect.Detection;
import io.edgewatch.util.TimeSource;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Turns detections into {@link DetectionEvent}s for one device. Ids, time and sequence numbers are injected so
 * tests (and a restart with a durable outbox) control them. Scores are rounded to 4 decimals and boxes clamped to
 * the frame and rounded to 5 decimals (sub-pixel even at 8K), which keeps payloads short and stable.
 */
public final class EventFactory {
    private final String device;
    private final Supplier<UUID> ids;
    private final TimeSource time;
    private final SequenceCounter sequences;

    public EventFactory(String device, Supplier<UUID> ids, TimeSource time, SequenceCounter sequences) {
        if (!Names.valid(device)) {
            throw new IllegalArgumentException("device must match " + Names.PATTERN.pattern() + ": " + device);
        }
        this.device = device;
        this.ids = Objects.requireNonNull(ids, "ids must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
        this.sequences = Objects.requireNonNull(sequences, "sequences must not be null");
    }

    /** Production wiring: random UUIDs, UTC system time, fresh counters. */
    public static EventFactory standard(String device) {
        return new EventFactory(device, UUID::randomUUID, TimeSource.system(), new SequenceCounter());
    }

    /** A "new" event for an untracked detection. */
    public DetectionEvent newEvent(String camera, Instant frameTime, DetectionEvent.FrameSize frame,
                                   Detection detection, DetectionEvent.ModelRef model) {
        return create(EventType.NEW, null, camera, frameTime, frame, detection, model);
    }

    /** Any lifecycle event; the tracker passes its track id. The sequence number is taken last, after checks. */
    public DetectionEvent create(EventType type, String trackId, String camera, Instant frameTime,
                                 DetectionEvent.FrameSize frame, Detection detection,
                                 DetectionEvent.ModelRef model) {
        return create(type, trackId, camera, frameTime, frame, detection, model, Zones.NONE);
    }

    /** As above, with the zones the object is in, entered and left. */
    public DetectionEvent create(EventType type, String trackId, String camera, Instant frameTime,
                                 DetectionEvent.FrameSize frame, Detection detection,
                                 DetectionEvent.ModelRef model, Zones zones) {
        Objects.requireNonNull(detection, "detection must not be null");
        if (!Names.valid(camera)) {
            throw new IllegalArgumentException("camera must match " + Names.PATTERN.pattern() + ": " + camera);
        }
        DetectionEvent.Box box = box(detection);
        return new DetectionEvent(DetectionEvent.SCHEMA_VERSION, ids.get().toString(), device, camera,
                sequences.next(camera), type, trackId, detection.label(), round(detection.score(), 1e4), box,
                frame, model, frameTime, time.now(), zones.in(), zones.entered(), zones.left());
    }

    private static DetectionEvent.Box box(Detection d) {
        double x1 = clamp(Math.min(d.x1(), d.x2()));
        double x2 = clamp(Math.max(d.x1(), d.x2()));
        double y1 = clamp(Math.min(d.y1(), d.y2()));
        double y2 = clamp(Math.max(d.y1(), d.y2()));
        return new DetectionEvent.Box(round(x1, 1e5), round(y1, 1e5), round(x2, 1e5), round(y2, 1e5));
    }

    private static double clamp(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("detection box coordinate is NaN");
        }
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
