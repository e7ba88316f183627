package io.edgewatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorts config errors into the order of the document, so a user fixes them top to bottom: each key and
 * list element gets its ordinal in a streaming pass over the YAML; an error sorts by the nearest enclosing
 * node that exists in the file (a missing key sorts with its parent). Errors about the whole file come first.
 */
final class DocumentOrder {
    private final Map<String, Integer> ordinals;

    private DocumentOrder(Map<String, Integer> ordinals) {
        this.ordinals = ordinals;
    }

    /** Ordinals of every node of {@code yaml}; empty (keeping the parser's order) if it does not parse. */
    static DocumentOrder of(String yaml) {
        Map<String, Integer> ordinals = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    ordinals.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), ordinals.size());
                }
            }
        } catch (IOException | RuntimeException e) {
            return new DocumentOrder(Map.of());
        }
        return new DocumentOrder(ordinals);
    }

    /** A stable sort of {@code errors} by document position. */
    List<ConfigError> sort(List<ConfigError> errors) {
        List<ConfigError> out = new ArrayList<>(errors);
        out.sort(Comparator.comparingInt(e -> position(e.path())));
        return out;
    }

    int position(String path) {
        String pointer = pointer(path);
        while (!pointer.isEmpty()) {
            Integer at = ordinals.get(pointer);
            if (at != null) {
                return at;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return -1;
    }

    /** {@code cameras[1].zones[0].name} → {@code /cameras/1/zones/0/name} (JSON pointer escaping). */
    static String pointer(String path) {
        StringBuilder out = new StringBuilder();
        for (String part : path.replace("[", ".").replace("]", "").split("\\.")) {
            if (!part.isEmpty()) {
                out.append('/').append(part.replace("~", "~0").replace("/", "~1"));
            }
        }
        return out.toString();
    }
}
