package io.edgewatch.watch;

import io.edgewatch.config.MqttSecurity;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Connection settings of one watcher.
 *
 * @param serverUri     tcp://host:port or ssl://host:port
 * @param clientId      MQTT client id; keep it stable to resume a persistent session
 * @param username      optional
 * @param password      optional; never printed
 * @param security      TLS files (password_file is resolved by the caller)
 * @param prefix        topic prefix of the boxes (mqtt.topic_prefix)
 * @param group         shared-subscription group for events, or null for a plain subscription
 * @param sessionExpiry zero: clean session; otherwise the broker keeps the session (and queued QoS 1 messages)
 *                      this long while the watcher is away
 */
public record WatchSettings(String serverUri, String clientId, String username, String password,
                            MqttSecurity security, String prefix, String group, Duration sessionExpiry) {
    private static final Pattern LEVEL = Pattern.compile("[^/+#\\u0000]+");

    public WatchSettings {
        if (serverUri == null || serverUri.isBlank()) {
            throw new IllegalArgumentException("serverUri must not be blank");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        if (prefix == null || prefix.isBlank() || prefix.contains("+") || prefix.contains("#")) {
            throw new IllegalArgumentException("prefix must be non-blank without + or #: " + prefix);
        }
        if (group != null && !LEVEL.matcher(group).matches()) {
            throw new IllegalArgumentException("group must be one topic level without / + #: " + group);
        }
        if (sessionExpiry == null || sessionExpiry.isNegative()) {
            throw new IllegalArgumentException("sessionExpiry must be >= 0: " + sessionExpiry);
        }
        security = security == null ? MqttSecurity.NONE : security;
    }

    /** Events of every box and camera, as a shared-group member when a group is set. */
    public String eventsFilter() {
        String plain = prefix + "/+/+/events";
        return group == null ? plain : "$share/" + group + "/" + plain;
    }

    /** Availability is retained and per box, so every watcher subscribes to it directly (never shared). */
    public String availabilityFilter() {
        return prefix + "/+/availability";
    }

    @Override
    public String toString() {
        // The password stays out of logs and error messages.
        return "WatchSettings[" + serverUri + ", clientId=" + clientId + ", user=" + username
                + ", password=" + (password == null || password.isEmpty() ? "none" : "***") + ", filter="
                + eventsFilter() + ", sessionExpiry=" + sessionExpiry + "]";
    }
}
