package io.edgewatch.publish;

import java.util.regex.Pattern;

/**
 * Topic layout (docs/mqtt.md). One place builds every topic so the contract cannot drift:
 * <pre>
 * {prefix}/{device}/availability        retained "online" / "offline" (LWT)
 * {prefix}/{device}/{camera}/events     detection events, JSON, QoS from config
 * {prefix}/{device}/{camera}/state      planned: retained per-camera state
 * {prefix}/{device}/{camera}/snapshot   planned: JPEG of the latest event
 * </pre>
 */
public final class MqttTopics {
    private static final Pattern LEVEL = Pattern.compile("[^/+#\\u0000]+");
    private static final Pattern PREFIX = Pattern.compile("[^+#\\u0000]+");
    private final String base;

    public MqttTopics(String prefix, String device) {
        if (prefix == null || !PREFIX.matcher(prefix).matches() || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("topicPrefix must be non-empty, without + # or leading/trailing /: "
                    + prefix);
        }
        requireLevel(device, "device");
        this.base = prefix + "/" + device;
    }

    public String availability() {
        return base + "/availability";
    }

    public String events(String camera) {
        return cameraTopic(camera, "events");
    }

    public String state(String camera) {
        return cameraTopic(camera, "state");
    }

    public String snapshot(String camera) {
        return cameraTopic(camera, "snapshot");
    }

    /** Filter matching everything this device publishes. */
    public String deviceFilter() {
        return base + "/#";
    }

    private String cameraTopic(String camera, String leaf) {
        requireLevel(camera, "camera");
        return base + "/" + camera + "/" + leaf;
    }

    private static void requireLevel(String value, String field) {
        if (value == null || !LEVEL.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be one non-empty topic level without / + #: " + value);
        }
    }
}
