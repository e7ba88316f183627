package io.edgewatch.app;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.schedule.CameraSlot;
import io.edgewatch.track.EventStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live part of the configuration: applies a new, already validated config to the running pipeline without
 * touching decoders or the MQTT connection (log level, label/score filters, per-camera detect fps) and reports
 * every other difference as needing a restart. Callers serialise calls (one reloader thread).
 */
final class LiveConfig {
    private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);

    private final EventStage events;
    private final Map<String, CameraSlot> slots;
    private final double baseScore;
    private volatile EdgewatchConfig current;

    LiveConfig(EdgewatchConfig start, EventStage events, List<CameraSlot> slots) {
        this.current = Objects.requireNonNull(start, "start");
        this.events = Objects.requireNonNull(events, "events");
        this.slots = slots.stream().collect(Collectors.toMap(CameraSlot::camera, Function.identity()));
        this.baseScore = DetectorFactory.baseScore(start.detect());
    }

    EdgewatchConfig current() {
        return current;
    }

    /** Applies what can be applied; returns the config keys whose change waits for a restart. */
    List<String> apply(EdgewatchConfig next) {
        EdgewatchConfig old = current;
        List<String> restart = restartNeeded(old, next);
        if (!next.logging().equals(old.logging())) {
            LogLevels.setRoot(next.logging().level());
        }
        if (!next.detect().equals(old.detect())) {
            warnBelowBase(next.detect());
            events.setDetect(next.detect());
        }
        for (CameraConfig c : next.cameras()) {
            CameraSlot slot = slots.get(c.name());
            if (slot != null && c.enabled()) {
                slot.setDetectFps(c.detectFps());
            }
        }
        current = next;
        return restart;
    }

    private void warnBelowBase(DetectConfig d) {
        double lowest = d.labelMinScore().values().stream().reduce(d.minScore(), Math::min);
        if (lowest < baseScore) {
            log.warn("score threshold {} is below the detector's base score {}: detections under {} stay hidden "
                    + "until a restart", lowest, baseScore, baseScore);
        }
    }

    static List<String> restartNeeded(EdgewatchConfig old, EdgewatchConfig next) {
        List<String> keys = new ArrayList<>();
        diff(keys, "device", old.device(), next.device());
        // model.*: hot-swapped by ModelSwap (tried first), not restarted
        diff(keys, "mqtt", old.mqtt(), next.mqtt());
        diff(keys, "metrics", old.metrics(), next.metrics());
        diff(keys, "detect.nms_iou", old.detect().nmsIou(), next.detect().nmsIou());
        List<String> oldNames = old.cameras().stream().map(CameraConfig::name).toList();
        List<String> newNames = next.cameras().stream().map(CameraConfig::name).toList();
        if (!oldNames.equals(newNames)) {
            keys.add("cameras (list of cameras)");
            return keys;
        }
        for (int i = 0; i < old.cameras().size(); i++) {
            CameraConfig a = old.cameras().get(i);
            CameraConfig b = next.cameras().get(i);
            String at = "cameras[" + i + "].";
            diff(keys, at + "url", a.url(), b.url());
            diff(keys, at + "loop", a.loop(), b.loop());
            diff(keys, at + "rtsp_transport", a.rtspTransport(), b.rtspTransport());
            diff(keys, at + "enabled", a.enabled(), b.enabled());
        }
        return keys;
    }

    private static void diff(List<String> keys, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            keys.add(key);
        }
    }
}
