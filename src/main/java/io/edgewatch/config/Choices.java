package io.edgewatch.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Closed sets of config values are parsed into enums here, once, with a did-you-mean hint on a typo. */
final class Choices {
    private Choices() {}

    /**
     * The constant of {@code type} whose lower-case name is the value at {@code key} (case-insensitive), or
     * {@code def} when the key is absent or wrong (the error is recorded in the section).
     */
    static <E extends Enum<E>> E parse(ConfigSection s, String key, Class<E> type, E def) {
        String given = s.string(key, lower(def)).trim();
        for (E e : type.getEnumConstants()) {
            if (lower(e).equalsIgnoreCase(given)) {
                return e;
            }
        }
        List<String> names = names(type);
        s.check(key, false, "must be one of " + String.join(", ", names) + KeyHints.didYouMean(given, names));
        return def;
    }

    /** The config spellings of {@code type}'s constants, in declaration order. */
    static <E extends Enum<E>> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choices::lower).toList();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
