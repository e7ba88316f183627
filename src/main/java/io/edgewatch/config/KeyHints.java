package io.edgewatch.config;

import java.util.Collection;

/** Cheap "did you mean" hints for misspelt keys and names (edit distance, small inputs only). */
final class KeyHints {
    private KeyHints() {}

    /** {@code " (did you mean 'detect_fps'?)"} for the closest candidate within reach, else "". */
    static String didYouMean(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String g = given.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        for (String c : candidates) {
            int d = distance(g, c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // Within 1 edit for short words, about a third of the length for longer ones.
        int reach = Math.max(1, given.length() / 3);
        return best != null && bestDistance <= reach ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
