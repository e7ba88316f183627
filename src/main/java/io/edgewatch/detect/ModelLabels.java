package io.edgewatch.detect;

import io.edgewatch.config.CocoNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class names of a model: from its metadata (the {@code names} entry Ultralytics writes, a Python dict
 * such as <code>{0: 'person', 1: 'bicycle'}</code>), else from a labels file (one name per line; an optional
 * leading id as in Coral's {@code "0  person"}), else COCO-80.
 */
public final class ModelLabels {
    private static final Pattern DICT_ENTRY = Pattern.compile("(\\d+)\\s*:\\s*(?:'([^']*)'|\"([^\"]*)\")");
    private static final Pattern ID_LINE = Pattern.compile("^(\\d+)\\s+(.+)$");
    /** COCO ids 1..90 that have no COCO-80 class (the 91-id label map's gaps). */
    private static final int[] COCO91_GAPS = {12, 26, 29, 30, 45, 66, 68, 69, 71, 83};

    private ModelLabels() {}

    /** Resolves the names: metadata first, then {@code labelsFile} (may be null), then COCO-80. */
    public static List<String> resolve(Map<String, String> metadata, Path labelsFile) {
        String names = metadata.get("names");
        if (names != null) {
            List<String> parsed = parseDict(names);
            if (!parsed.isEmpty()) {
                return parsed;
            }
        }
        if (labelsFile != null) {
            return readFile(labelsFile);
        }
        return CocoNames.LABELS;
    }

    /** Names from a Python-style dict {@code {0: 'a', 1: 'b'}}, by id; empty when it does not parse. */
    static List<String> parseDict(String dict) {
        Map<Integer, String> byId = new TreeMap<>();
        Matcher m = DICT_ENTRY.matcher(dict);
        while (m.find()) {
            byId.put(Integer.parseInt(m.group(1)), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return dense(byId);
    }

    /** One name per line; blank lines skipped; {@code "<id> <name>"} lines are placed at their id. */
    static List<String> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labels file " + file, e);
        }
        Map<Integer, String> byId = new TreeMap<>();
        int next = 0;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = ID_LINE.matcher(line);
            int id = m.matches() ? Integer.parseInt(m.group(1)) : next;
            byId.put(id, m.matches() ? m.group(2).strip() : line);
            next = id + 1;
        }
        if (byId.isEmpty()) {
            throw new IllegalArgumentException("labels file " + file + " has no names");
        }
        return dense(byId);
    }

    /** Ids without a name get {@code class<id>} so a label is never blank; darknet spellings become COCO-2017. */
    private static List<String> dense(Map<Integer, String> byId) {
        List<String> out = new ArrayList<>();
        if (byId.isEmpty()) {
            return out;
        }
        int max = ((TreeMap<Integer, String>) byId).lastKey();
        for (int i = 0; i <= max; i++) {
            String n = byId.get(i);
            out.add(n == null || n.isBlank() ? "class" + i : CocoNames.canonical(n));
        }
        return List.copyOf(out);
    }

    /** COCO-80 index of a 0-based COCO-91 class id (id + 1 = the COCO category id); -1 for the gaps. */
    public static int coco80FromCoco91(int zeroBasedId) {
        int category = zeroBasedId + 1;
        if (category < 1 || category > 90) {
            return -1;
        }
        int index = category - 1;
        for (int gap : COCO91_GAPS) {
            if (gap == category) {
                return -1;
            }
            if (gap < category) {
                index--;
            }
        }
        return index;
    }
}
