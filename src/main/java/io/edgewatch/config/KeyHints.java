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
        // Two edits for short words, about a third of the length for longer ones.
        int reach = Math.max(2, given.length() / 3);
        return best != null && bestDistance <= reach ? " (did you mean '" + best + "'?)" : "";
    }

    /** Edit distance where swapping two neighbours counts as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
