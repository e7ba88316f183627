package io.edgewatch.config;

import java.util.regex.Pattern;

/**
 * The one rule for device, camera and zone names. They become MQTT topic levels, metric tags and JSON fields,
 * so no wildcards, separators or upper case; config validation and the event contract both check against this.
 */
public final class Names {
    /** 1..64 characters of a-z, 0-9, _ and -. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9_-]{1,64}");
    /** How a config error states the rule. */
    public static final String RULE = "must be 1..64 characters of a-z, 0-9, _ and -";

    private Names() {}

    public static boolean valid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
