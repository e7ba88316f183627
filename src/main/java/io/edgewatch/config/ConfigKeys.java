package io.edgewatch.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys the loader accepts, per section, in documentation order. The loader rejects anything else, and
 * the documentation test checks docs/config.md against {@link #allPaths()}, so this is the single list.
 */
final class ConfigKeys {
    static final List<String> ROOT = List.of("device", "logging", "model", "detect", "mqtt", "cameras", "metrics",
            "budget", "snapshots", "homeassistant");
    static final List<String> DEVICE = List.of("name");
    static final List<String> LOGGING = List.of("level");
    static final List<String> MODEL = List.of("path", "threads", "input_size", "format", "labels", "min_fidelity",
            "force", "variants");
    static final List<String> DETECT = List.of("min_score", "label_min_score", "labels", "nms_iou", "label_min_area");
    static final List<String> MQTT = List.of("url", "embedded_host", "embedded_port", "topic_prefix", "client_id",
            "username", "password", "qos", "outbox_path", "outbox_max_events", "outbox_max_age", "outbox_max_bytes", "password_file",
            "tls_ca_file", "tls_cert_file", "tls_key_file");
    static final List<String> CAMERA = List.of("name", "url", "loop", "detect_fps", "rtsp_transport", "enabled",
            "weight", "motion", "decode", "detect_url", "hwaccel", "zones", "masks");
    static final List<String> MOTION = List.of("enabled", "threshold", "min_area", "refresh_seconds", "masks");
    static final List<String> BUDGET = List.of("inference_fraction");
    static final List<String> METRICS = List.of("enabled", "host", "port");
    static final List<String> HOMEASSISTANT = List.of("enabled", "prefix");
    static final List<String> SNAPSHOTS = List.of("enabled", "max_size", "quality", "blur_faces", "face_model",
            "face_threshold", "full_frame");

    /** Paths whose values are never printed, only "***". */
    static final Set<String> SECRETS = Set.of("mqtt.username", "mqtt.password");

    /** Paths whose values are URLs that may carry user:password@ and are printed through {@link Redact#url}. */
    static final Set<String> URLS = Set.of("mqtt.url", "cameras[].url", "cameras[].detect_url");

    private ConfigKeys() {}

    /** Section path (as in error messages, list entries as {@code cameras[]}) to its keys. */
    static Map<String, List<String>> sections() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("", ROOT);
        m.put("device", DEVICE);
        m.put("logging", LOGGING);
        m.put("model", MODEL);
        m.put("detect", DETECT);
        m.put("mqtt", MQTT);
        m.put("cameras[]", CAMERA);
        m.put("cameras[].motion", MOTION);
        m.put("metrics", METRICS);
        m.put("budget", BUDGET);
        m.put("snapshots", SNAPSHOTS);
        m.put("homeassistant", HOMEASSISTANT);
        return m;
    }

    /** Every leaf key as a dotted path, e.g. {@code model.threads}, {@code cameras[].detect_fps}. */
    static List<String> allPaths() {
        List<String> out = new ArrayList<>();
        Map<String, List<String>> sections = sections();
        sections.forEach((section, keys) -> {
            if (!section.isEmpty()) {
                // A key that is itself a section (cameras[].motion) is documented through its own keys.
                keys.stream().filter(k -> !sections.containsKey(section + "." + k))
                        .forEach(k -> out.add(section + "." + k));
            }
        });
        return out;
    }

    /** {@code cameras[3].url} becomes {@code cameras[].url}, to look paths up in the tables above. */
    static String generic(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }
}
