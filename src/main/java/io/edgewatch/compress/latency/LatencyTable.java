package io.edgewatch.compress.latency;

import java.util.List;
import java.util.Locale;

/**
 * Markdown table of {@link LatencyBench} results with ratios against a baseline: the first model's result at the
 * same thread count (speed-up = baseline p50 / p50) and the first model's file size (size ratio = baseline / size).
 */
public final class LatencyTable {
    private LatencyTable() {}

    /** Speed-up of {@code r} against the first result of the list with the same thread count. */
    public static double speedup(List<LatencyBench.Result> results, LatencyBench.Result r) {
        return baseline(results, r.threads()).p50Ms() / r.p50Ms();
    }

    /** How many times smaller {@code r}'s model is than the first result's model. */
    public static double sizeRatio(List<LatencyBench.Result> results, LatencyBench.Result r) {
        return (double) results.get(0).sizeBytes() / r.sizeBytes();
    }

    static LatencyBench.Result baseline(List<LatencyBench.Result> results, int threads) {
        return results.stream().filter(x -> x.threads() == threads).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result at " + threads + " threads"));
    }

    public static String markdown(List<LatencyBench.Result> results) {
        StringBuilder sb = new StringBuilder("| model | threads | size MB | smaller | p50 ms | p90 ms | mean ms | "
                + "speed-up (p50) | runs |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LatencyBench.Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2fx | %.1f | %.1f | %.1f | %.2fx | %d |%n",
                    r.name(), r.threads(), r.sizeBytes() / 1e6, sizeRatio(results, r), r.p50Ms(), r.p90Ms(),
                    r.meanMs(), speedup(results, r), r.runs()));
        }
        return sb.toString();
    }
}
