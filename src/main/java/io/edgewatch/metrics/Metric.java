package io.edgewatch.metrics;

import java.util.List;
import java.util.Locale;

/**
 * The catalogue: every edgewatch meter with its dot.case name, type, unit, description and tags. Binders register
 * meters only through these constants, docs/metrics.md documents each of them (a test checks it), and tags are
 * bounded: a camera name from the config, a model name, an enum reason or state.
 */
public enum Metric {
    CAMERA_FRAMES_DECODED("edgewatch.camera.frames.decoded", Type.COUNTER, null,
            "Frames decoded from the camera; rate() is the decoded fps. Only frames the detect loop will take are "
                    + "copied out of the decoder and handed to its mailbox.", "camera"),
    CAMERA_FRAMES_DROPPED("edgewatch.camera.frames.dropped", Type.COUNTER, null,
            "Frames replaced in the size-1 mailbox before the detect loop took them.", "camera"),
    CAMERA_DECODE_ERRORS("edgewatch.camera.decode.errors", Type.COUNTER, null,
            "Failed opens, read/decode errors and unexpected ends of the stream.", "camera"),
    CAMERA_RECONNECTS("edgewatch.camera.reconnects", Type.COUNTER, null,
            "Attempts to open the source again after a failure.", "camera"),
    CAMERA_STATE("edgewatch.camera.state", Type.GAUGE, null,
            "1 for the camera's current state (connecting, streaming, backoff, failed, stopped), 0 for the others.",
            "camera", "state"),
    DETECT_FRAMES("edgewatch.detect.frames", Type.COUNTER, null,
            "Frames run through the detector; rate() is the detected fps.", "camera"),
    DETECT_SKIPPED("edgewatch.detect.skipped", Type.COUNTER, null,
            "Due detections that did not happen, by reason: budget, stale, no_motion, no_frame, detect_error.", "camera", "reason"),
    DETECT_TARGET_FPS("edgewatch.detect.target.fps", Type.GAUGE, null,
            "Configured detections per second (cameras[].detect_fps, follows live reload).", "camera"),
    INFERENCE_LATENCY("edgewatch.inference.latency", Type.TIMER, "seconds",
            "ONNX Runtime session.run time per frame, as a histogram.", "model"),
    PREPROCESS_LATENCY("edgewatch.preprocess.latency", Type.TIMER, "seconds",
            "Resize + normalise time per frame before inference, as a histogram.", "model"),
    INFERENCE_IN_PROGRESS("edgewatch.inference.in.progress", Type.GAUGE, "seconds",
            "How long the inference now running has taken so far (0 when idle); a stuck detector grows it.",
            "model"),
    MQTT_CONNECTED("edgewatch.mqtt.connected", Type.GAUGE, null, "1 while the MQTT client is connected."),
    MQTT_CONNECTS("edgewatch.mqtt.connects", Type.COUNTER, null, "Successful MQTT connects, the first included."),
    MQTT_QUEUE_DEPTH("edgewatch.mqtt.queue.depth", Type.GAUGE, null,
            "Events waiting to be published (the outbox depth)."),
    MQTT_EVENTS_ACCEPTED("edgewatch.mqtt.events.accepted", Type.COUNTER, null,
            "Events handed to the publisher."),
    MQTT_EVENTS_PUBLISHED("edgewatch.mqtt.events.published", Type.COUNTER, null,
            "Events acknowledged by the broker (QoS 1) or written to the socket (QoS 0)."),
    MQTT_EVENTS_DROPPED("edgewatch.mqtt.events.dropped", Type.COUNTER, null,
            "Events dropped: queue full (oldest first) or publisher closed."),
    MQTT_EVENTS_FAILED("edgewatch.mqtt.events.failed", Type.COUNTER, null,
            "Events the client rejected or whose delivery failed."),
    MQTT_PUBLISH_LATENCY("edgewatch.mqtt.publish.latency", Type.TIMER, "seconds",
            "From the event's outbox write (its creation) to the broker's PUBACK, as a histogram; includes time "
                    + "spent waiting in the outbox while the broker was away."),
    OUTBOX_OLDEST_AGE("edgewatch.outbox.oldest.age", Type.GAUGE, "seconds",
            "Age of the oldest event waiting in the outbox (0 when it is empty)."),
    EVENTS("edgewatch.events", Type.COUNTER, null,
            "Events created, by camera, COCO label and type (new, update, end).", "camera", "label", "type"),
    BUILD_INFO("edgewatch.build.info", Type.GAUGE, null,
            "Always 1; the tags name the running build (project version, git commit).", "version", "commit"),
    MQTT_HANDOFF_DROPPED("edgewatch.mqtt.handoff.dropped", Type.COUNTER, null,
            "Snapshots and retained messages dropped on their way to the publisher thread, by reason.", "reason"),
    OUTBOX_DROPPED("edgewatch.outbox.dropped", Type.COUNTER, null,
            "Events lost from the outbox by reason: full (count or byte bound), expired (age limit), write_error "
                    + "(file not writable and the in-memory queue full), no_space (free-space floor).", "reason"),
    OUTBOX_SPILLED("edgewatch.outbox.spilled", Type.GAUGE, null,
            "Events kept in memory because the outbox file cannot be written now (at most 2000)."),
    OUTBOX_PENDING_DELETES("edgewatch.outbox.pending.deletes", Type.GAUGE, null,
            "Delivered events whose delete from the outbox file failed; retried later."),
    THREAD_RESTARTS("edgewatch.thread.restarts", Type.COUNTER, null,
            "Restarts of a supervised thread (detect, mqtt-publisher, snapshot, config-reload, ops-http) after an "
                    + "unexpected exception.", "thread"),
    DETECT_LOOP_STALLED("edgewatch.detect.loop.stalled", Type.GAUGE, null,
            "1 when the detect loop made no progress within the liveness window (what /health and the "
                    + "systemd watchdog act on)."),
    CONFIG_RELOADS("edgewatch.config.reload", Type.COUNTER, null,
            "Configuration reloads by result: applied, unchanged, rejected (invalid file, old config kept), "
                    + "failed (valid, but a part could not be applied).", "result"),
    MODEL_INFO("edgewatch.model.info", Type.GAUGE, null,
            "1 for the model serving now, by name and file sha256 (changes at a hot-swap).", "name", "sha256"),
    MODEL_VARIANT("edgewatch.model.variant.info", Type.GAUGE, null,
            "1 for the variant model.path: auto chose for this CPU (cached or measured), by variant (model name) "
                    + "and cpu (model name from /proc/cpuinfo); absent without auto.", "variant", "cpu"),
    MODEL_SWAPS("edgewatch.model.swaps", Type.COUNTER, null,
            "Model hot-swap trials by result: swapped, forced, load_failed, no_frames, too_slow, low_fidelity.",
            "result");

    /** Meter kinds as registered with Micrometer. */
    public enum Type { COUNTER, GAUGE, TIMER }

    private final String meterName;
    private final Type type;
    /** Only timers and durations carry a unit (seconds): Prometheus would append any other unit to the name. */
    private final String unit;
    private final String description;
    private final List<String> tags;

    Metric(String meterName, Type type, String unit, String description, String... tags) {
        this.meterName = meterName;
        this.type = type;
        this.unit = unit;
        this.description = description;
        this.tags = List.of(tags);
    }

    public String meterName() { return meterName; }
    public Type type() { return type; }
    public String unit() { return unit; }
    public String description() { return description; }
    public List<String> tags() { return tags; }

    /** The family name Prometheus shows, e.g. {@code edgewatch_camera_frames_decoded_total}. */
    public String prometheusName() {
        String base = meterName.replace('.', '_');
        return switch (type) {
            case COUNTER -> base + "_total";
            case TIMER -> base + "_seconds";
            case GAUGE -> unit == null ? base : base + "_" + unit.toLowerCase(Locale.ROOT);
        };
    }
}
