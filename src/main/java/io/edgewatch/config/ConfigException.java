package io.edgewatch.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration cannot be loaded; carries every problem found, not just the first. */
public class ConfigException extends Exception {
    private final String source;
    private final List<ConfigError> errors;

    public ConfigException(String source, List<ConfigError> errors) {
        super(summary(source, errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("errors must not be empty");
        }
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    /** File name (or other label) of the configuration that failed. */
    public String source() {
        return source;
    }

    public List<ConfigError> errors() {
        return errors;
    }

    /** One line per error, {@code path: value: message}, in document order. */
    public String format() {
        return errors.stream().map(ConfigError::format).collect(Collectors.joining("\n"));
    }

    private static String summary(String source, List<ConfigError> errors) {
        String head = source + ": " + errors.size() + (errors.size() == 1 ? " configuration error" : " configuration errors");
        return head + "\n" + errors.stream().map(ConfigError::format).collect(Collectors.joining("\n"));
    }
}
