package io.edgewatch.event;

import io.edgewatch.config.Names;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One detection event as published on {@code {prefix}/{device}/{camera}/events}. This record is the public
 * contract (docs/mqtt.md, docs/event.schema.json): change it only together with {@link #SCHEMA_VERSION}.
 *
 * @param schemaVersion payload schema version, {@link #SCHEMA_VERSION} for events built by this code
 * @param eventId       random UUID, unique per event (subscribers de-duplicate QoS 1 redeliveries with it)
 * @param device        device name (topic level)
 * @param camera        camera name (topic level)
 * @param seq           per-camera sequence number, starts at 1, +1 per event of any type; a gap means loss
 * @param type          new / update / end
 * @param trackId       tracker's object id; null until the tracker exists (then shared by new/update/end)
 * @param label         class label, e.g. "person"
 * @param score         confidence 0..1
 * @param box           normalised box, 0..1, (0,0) top-left
 * @param frame         size of the source frame in pixels
 * @param model         detector that produced the event
 * @param frameTime     capture time of the frame (UTC, kept to the millisecond)
 * @param publishedTime time the event was handed to MQTT (UTC, kept to the millisecond); the factory sets the
 *                      creation time, the publisher re-stamps it when it sends
 * @param zones         zones of the camera the object is in after this event (empty for end), config order
 * @param enteredZones  zones the object entered with this event (new: every zone it is in)
 * @param leftZones     zones the object left with this event (end: every zone it was in)
 */
public record DetectionEvent(int schemaVersion, String eventId, String device, String camera, long seq,
                             EventType type, String trackId, String label, double score, Box box,
                             FrameSize frame, ModelRef model, Instant frameTime, Instant publishedTime,
                             List<String> zones, List<String> enteredZones, List<String> leftZones) {
    public static final int SCHEMA_VERSION = 1;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public DetectionEvent {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1: " + schemaVersion);
        }
        requireText(eventId, "eventId");
        requireName(device, "device");
        requireName(camera, "camera");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1: " + seq);
        }
        Objects.requireNonNull(type, "type must not be null");
        if (trackId != null && trackId.isBlank()) {
            throw new IllegalArgumentException("trackId must be null or non-blank");
        }
        requireText(label, "label");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0,1]: " + score);
        }
        Objects.requireNonNull(box, "box must not be null");
        Objects.requireNonNull(frame, "frame must not be null");
        Objects.requireNonNull(model, "model must not be null");
        Objects.requireNonNull(frameTime, "frameTime must not be null");
        Objects.requireNonNull(publishedTime, "publishedTime must not be null");
        // Millisecond precision on the wire: enough for video, and short, stable payloads.
        frameTime = frameTime.truncatedTo(ChronoUnit.MILLIS);
        publishedTime = publishedTime.truncatedTo(ChronoUnit.MILLIS);
        zones = zones == null ? List.of() : List.copyOf(zones);
        enteredZones = enteredZones == null ? List.of() : List.copyOf(enteredZones);
        leftZones = leftZones == null ? List.of() : List.copyOf(leftZones);
    }

    /** An event without zones (a camera without zones configured). */
    public DetectionEvent(int schemaVersion, String eventId, String device, String camera, long seq,
                          EventType type, String trackId, String label, double score, Box box, FrameSize frame,
                          ModelRef model, Instant frameTime, Instant publishedTime) {
        this(schemaVersion, eventId, device, camera, seq, type, trackId, label, score, box, frame, model, frameTime,
                publishedTime, List.of(), List.of(), List.of());
    }

    /** Same event, stamped at the moment it is handed to the broker. */
    public DetectionEvent withPublishedTime(Instant time) {
        return new DetectionEvent(schemaVersion, eventId, device, camera, seq, type, trackId, label, score, box,
                frame, model, frameTime, time, zones, enteredZones, leftZones);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    private static void requireName(String value, String field) {
        if (!Names.valid(value)) {
            throw new IllegalArgumentException(field + " must match " + Names.PATTERN.pattern() + ": " + value);
        }
    }

    /** Normalised box corners, 0..1, x1 <= x2, y1 <= y2. */
    public record Box(double x1, double y1, double x2, double y2) {
        public Box {
            if (!(0 <= x1 && x1 <= x2 && x2 <= 1)) {
                throw new IllegalArgumentException("box x must satisfy 0 <= x1 <= x2 <= 1: " + x1 + ", " + x2);
            }
            if (!(0 <= y1 && y1 <= y2 && y2 <= 1)) {
                throw new IllegalArgumentException("box y must satisfy 0 <= y1 <= y2 <= 1: " + y1 + ", " + y2);
            }
        }
    }

    /** Source frame size in pixels. */
    public record FrameSize(int width, int height) {
        public FrameSize {
            if (width <= 0) {
                throw new IllegalArgumentException("width must be positive: " + width);
            }
            if (height <= 0) {
                throw new IllegalArgumentException("height must be positive: " + height);
            }
        }
    }

    /** Detector identity: file name (without directories) and SHA-256 of the ONNX file, lower-case hex. */
    public record ModelRef(String name, String sha256) {
        public ModelRef {
            requireText(name, "model name");
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("model sha256 must be 64 lower-case hex digits: " + sha256);
            }
        }
    }
}
