package io.edgewatch.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in config files: a whole number and a unit, {@code 500ms}, {@code 90s}, {@code 30m}, {@code 48h}, {@code 7d}. */
final class Durations {
    static final String RULE = "must be a whole number with a unit ms, s, m, h or d, e.g. 48h";
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

    private Durations() {}

    static Duration parse(ConfigSection s, String key, Duration def) {
        String text = s.string(key, null);
        if (text == null) {
            return def;
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            s.fail(key, RULE);
            return def;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
