package io.edgewatch.bench;

import java.util.Arrays;

/** Summary of a latency sample in milliseconds (nearest-rank percentiles). */
record Percentiles(int n, double p50, double p90, double p99, double mean, double max) {

    static Percentiles ofMillis(double[] millis) {
        if (millis.length == 0) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] s = millis.clone();
        Arrays.sort(s);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return new Percentiles(s.length, rank(s, 0.50), rank(s, 0.90), rank(s, 0.99), sum / s.length,
                s[s.length - 1]);
    }

    static Percentiles ofNanos(long[] nanos) {
        double[] ms = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            ms[i] = nanos[i] / 1e6;
        }
        return ofMillis(ms);
    }

    private static double rank(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
