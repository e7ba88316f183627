package io.edgewatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed, error-collecting view of one YAML mapping. Every getter returns its default after reporting a
 * problem, so one pass finds all errors; {@link #check} stays quiet for keys that already failed, so a
 * key gets one error, not a cascade. Unknown keys are reported when the section is opened.
 */
final class ConfigSection {
    private final String path;
    private final ObjectNode node;
    private final Problems problems;
    private final Set<String> failed = new HashSet<>();
    private final boolean wrongType;

    ConfigSection(String path, JsonNode raw, List<String> known, Problems problems) {
        this.path = path;
        this.problems = problems;
        this.wrongType = raw != null && !raw.isObject() && !raw.isNull() && !raw.isMissingNode();
        if (raw != null && raw.isObject()) {
            this.node = (ObjectNode) raw;
            rejectUnknown(known);
        } else {
            this.node = JsonNodeFactory.instance.objectNode();
            if (wrongType) {
                problems.add(path.isEmpty() ? "(root)" : path, raw, "must be a mapping of key: value");
            }
        }
    }

    String path() {
        return path;
    }

    /** True when the YAML held something other than a mapping here (already reported). */
    boolean wrongType() {
        return wrongType;
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The raw YAML node of a key (null if absent), for structured values such as polygons. */
    JsonNode raw(String key) {
        return node.get(key);
    }

    /** Reports a problem at a sub-path of {@code key} with the node found there. */
    void failAt(String key, String subPath, JsonNode value, String message) {
        if (failed.add(key)) {
            problems.add(keyPath(subPath), value, message);
        }
    }

    /** Reports every problem below {@code key} (e.g. each bad zone), not only the first. */
    void failEach(String key, String subPath, JsonNode value, String message) {
        failed.add(key);
        problems.add(keyPath(subPath), value, message);
    }

    /** Present and not YAML null ({@code key:} with nothing after it counts as omitted). */
    boolean has(String key) {
        JsonNode n = node.get(key);
        return n != null && !n.isNull();
    }

    ConfigSection section(String key, List<String> known) {
        return new ConfigSection(keyPath(key), node.get(key), known, problems);
    }

    /** Entries of a list of mappings; an omitted key gives an empty list. */
    List<ConfigSection> sections(String key, List<String> known) {
        List<ConfigSection> out = new ArrayList<>();
        JsonNode n = node.get(key);
        if (!has(key)) {
            return out;
        }
        if (!n.isArray()) {
            fail(key, "must be a list");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            out.add(new ConfigSection(keyPath(key) + "[" + i + "]", n.get(i), known, problems));
        }
        return out;
    }

    String string(String key, String def) {
        if (!has(key)) {
            return def;
        }
        JsonNode n = node.get(key);
        if (n.isContainerNode()) {
            return fail(key, "must be a single value, not a " + (n.isArray() ? "list" : "mapping"), def);
        }
        return n.isTextual() ? substitute(keyPath(key), n, def, key) : n.asText();
    }

    int integer(String key, int def) {
        String text = scalar(key, "must be a whole number");
        if (text == null) {
            return def;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return fail(key, "must be a whole number", def);
        }
    }

    /** A whole number that may exceed the int range (byte sizes). */
    long longInteger(String key, long def) {
        String text = scalar(key, "must be a whole number");
        if (text == null) {
            return def;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fail(key, "must be a whole number", def);
        }
    }

    double decimal(String key, double def) {
        String text = scalar(key, "must be a number");
        if (text == null) {
            return def;
        }
        try {
            double v = Double.parseDouble(text.trim());
            return Double.isFinite(v) ? v : fail(key, "must be a finite number", def);
        } catch (NumberFormatException e) {
            return fail(key, "must be a number", def);
        }
    }

    boolean bool(String key, boolean def) {
        String text = scalar(key, "must be true or false");
        if (text == null) {
            return def;
        }
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> fail(key, "must be true or false", def);
        };
    }

    /** A list of scalars; an omitted key gives an empty list. */
    List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        JsonNode n = node.get(key);
        if (!has(key)) {
            return out;
        }
        if (!n.isArray()) {
            return fail(key, "must be a list, e.g. [a, b]", out);
        }
        for (int i = 0; i < n.size(); i++) {
            JsonNode e = n.get(i);
            String p = keyPath(key) + "[" + i + "]";
            if (e.isContainerNode() || e.isNull()) {
                problems.add(p, e, "must be a single value");
                failed.add(key);
            } else {
                out.add(e.isTextual() ? substitute(p, e, "", key) : e.asText());
            }
        }
        return out;
    }

    /** A mapping of name to number; an omitted key gives an empty map. */
    Map<String, Double> decimals(String key) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!has(key)) {
            return out;
        }
        ConfigSection sub = new ConfigSection(keyPath(key), node.get(key), null, problems);
        if (!node.get(key).isObject()) {
            failed.add(key);
        }
        for (Iterator<String> it = sub.node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            double v = sub.decimal(name, Double.NaN);
            if (!Double.isNaN(v)) {
                out.put(name, v);
            }
        }
        return out;
    }

    /** Reports {@code message} for {@code key} unless {@code ok} or the key already has an error. */
    void check(String key, boolean ok, String message) {
        if (!ok && !failed.contains(key)) {
            fail(key, message);
        }
    }

    /** Reports a problem at a sub-path of {@code key}, e.g. {@code labels[2]}, with its own value. */
    void checkAt(String key, String subPath, String value, boolean ok, String message) {
        if (!ok && !failed.contains(key)) {
            problems.addText(path.isEmpty() ? subPath : path + "." + subPath, value, message);
        }
    }

    boolean failed(String key) {
        return failed.contains(key);
    }

    void fail(String key, String message) {
        failed.add(key);
        problems.add(keyPath(key), node.get(key), message);
    }

    private <T> T fail(String key, String message, T def) {
        fail(key, message);
        return def;
    }

    /** Scalar text of a key for numeric/boolean parsing, or null if omitted or already reported. */
    private String scalar(String key, String typeMessage) {
        if (!has(key)) {
            return null;
        }
        JsonNode n = node.get(key);
        if (n.isNumber() || n.isBoolean()) {
            return n.asText();
        }
        // Quoted text is a string; only values that came from ${ENV} (always text) are converted.
        if (n.isTextual() && EnvSubstitutor.hasPlaceholder(n.textValue())) {
            return substitute(keyPath(key), n, null, key);
        }
        return fail(key, typeMessage, null);
    }

    private String substitute(String fullPath, JsonNode n, String def, String key) {
        EnvSubstitutor.Result r = problems.env().apply(n.textValue());
        if (r.problems().isEmpty()) {
            return r.value();
        }
        failed.add(key);
        r.problems().forEach(m -> problems.add(fullPath, n, m));
        return def;
    }

    private void rejectUnknown(List<String> known) {
        if (known == null) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problems.addText(keyPath(key), null, "unknown key" + KeyHints.didYouMean(key, known)
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
