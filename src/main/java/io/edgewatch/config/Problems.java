package io.edgewatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects {@link ConfigError}s in document order and decides how a value may be shown: secrets as
 * "***", URLs without their password, strings with ${ENV} placeholders as written (never the substituted
 * text, which may be a secret).
 */
final class Problems {
    private static final String MASK = "***";
    private final List<ConfigError> errors = new ArrayList<>();
    private final EnvSubstitutor env;

    Problems(EnvSubstitutor env) {
        this.env = env;
    }

    EnvSubstitutor env() {
        return env;
    }

    void add(String path, JsonNode raw, String message) {
        errors.add(new ConfigError(path, show(path, raw), message));
    }

    /** {@code value} is plain text as the user wrote it (or derived from it); still masked by path. */
    void addText(String path, String value, String message) {
        errors.add(new ConfigError(path, value == null ? null : showText(path, value), message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }

    private static String show(String path, JsonNode raw) {
        if (raw == null || raw.isMissingNode()) {
            return null;
        }
        if (raw.isNull()) {
            return "null";
        }
        if (raw.isContainerNode()) {
            return isSecret(path) ? MASK : raw.isArray() ? "(list)" : "(mapping)";
        }
        return showText(path, raw.asText());
    }

    private static String showText(String path, String text) {
        if (isSecret(path)) {
            return MASK;
        }
        String generic = ConfigKeys.generic(path);
        String shown = ConfigKeys.URLS.contains(generic) ? Redact.url(text) : text;
        return shown.isEmpty() ? "\"\"" : shown;
    }

    /** A secret key or anything below it (e.g. list elements of a mis-typed password). */
    private static boolean isSecret(String path) {
        String generic = ConfigKeys.generic(path);
        return ConfigKeys.SECRETS.stream().anyMatch(s -> generic.equals(s) || generic.startsWith(s + "["));
    }
}
