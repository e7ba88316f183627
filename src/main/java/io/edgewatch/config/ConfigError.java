package io.edgewatch.config;

import java.util.Objects;

/**
 * One configuration problem.
 *
 * @param path    where it is, e.g. {@code cameras[1].detect_fps}
 * @param value   the offending value as safe to print (secrets already masked), or null when there is none
 *                (missing or unknown key, whole-file problems)
 * @param message what is wrong, e.g. "must be positive"
 */
public record ConfigError(String path, String value, String message) {
    public ConfigError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: value: message}, or {@code path: message} when there is no value. */
    public String format() {
        return value == null ? path + ": " + message : path + ": " + value + ": " + message;
    }
}
