package io.edgewatch.compress.quant;

/** Turns {@link TensorStats} into a {@link Range} with the configured method. Stateless apart from options. */
public final class RangeEstimator {

    /** Quantized levels of the KL search (TensorRT uses 128 for the positive half of int8). */
    static final int KL_TARGET_BINS = 128;

    private final CalibrationOptions options;

    public RangeEstimator(CalibrationOptions options) {
        this.options = options;
    }

    /** The range for a tensor; a tensor with no finite value gets [0, 0]. */
    public Range estimate(TensorStats stats) {
        if (stats.finiteCount() == 0) {
            return new Range(0f, 0f);
        }
        return switch (options.method()) {
            case MINMAX -> new Range(stats.min(), stats.max());
            case PERCENTILE -> options.bothTails() ? percentileTails(stats) : symmetricClip(stats,
                    percentileAbs(stats));
            case ENTROPY -> symmetricClip(stats, entropyThreshold(stats.combinedAbs()));
        };
    }

    private static Range symmetricClip(TensorStats stats, double threshold) {
        float t = (float) threshold;
        return new Range(Math.max(stats.min(), -t), Math.min(stats.max(), t));
    }

    private double percentileAbs(TensorStats stats) {
        AbsHistogram abs = stats.combinedAbs();
        return abs.upperEdgeKeeping(abs.total() * options.percentile() / 100.0);
    }

    private Range percentileTails(TensorStats stats) {
        double tail = stats.finiteCount() * (100.0 - options.percentile()) / 200.0;
        float hi = tailEdge(stats.positive(), tail);
        float lo = -tailEdge(stats.negative(), tail);
        return new Range(Math.max(stats.min(), Math.min(lo, 0f)), Math.min(stats.max(), Math.max(hi, 0f)));
    }

    /** Edge above which at most {@code tail} values of this one-signed histogram lie. */
    private static float tailEdge(AbsHistogram h, double tail) {
        long total = h.total();
        if (total == 0) {
            return 0f;
        }
        return (float) h.upperEdgeKeeping(Math.max(0, total - tail));
    }

    /**
     * KL-divergence threshold search over the |x| histogram: for each candidate bin count i >= 128, the reference
     * P is the first i bins with the outliers folded into the last one, Q is P squeezed into 128 levels and
     * expanded back over P's non-empty bins; the i with the smallest KL(P||Q) gives the threshold.
     */
    static double entropyThreshold(AbsHistogram abs) {
        long[] hist = abs.counts();
        int used = hist.length;
        while (used > 0 && hist[used - 1] == 0) {
            used--;
        }
        if (used <= KL_TARGET_BINS) {
            return used * abs.binWidth();
        }
        double bestKl = Double.POSITIVE_INFINITY;
        int bestI = used;
        for (int i = KL_TARGET_BINS; i <= used; i++) {
            double kl = klForThreshold(hist, i, used);
            if (kl < bestKl) {
                bestKl = kl;
                bestI = i;
            }
        }
        return (bestI + 0.5) * abs.binWidth();
    }

    private static double klForThreshold(long[] hist, int i, int used) {
        double[] p = new double[i];
        for (int b = 0; b < i; b++) {
            p[b] = hist[b];
        }
        for (int b = i; b < used; b++) {
            p[i - 1] += hist[b];
        }
        double[] q = new double[i];
        for (int level = 0; level < KL_TARGET_BINS; level++) {
            int start = (int) ((long) level * i / KL_TARGET_BINS);
            int end = (int) ((long) (level + 1) * i / KL_TARGET_BINS);
            double sum = 0;
            int nonEmpty = 0;
            for (int b = start; b < end; b++) {
                sum += hist[b];
                if (hist[b] > 0) {
                    nonEmpty++;
                }
            }
            for (int b = start; b < end; b++) {
                q[b] = hist[b] > 0 ? sum / nonEmpty : 0;
            }
        }
        return divergence(p, q);
    }

    private static double divergence(double[] p, double[] q) {
        double pSum = 0;
        double qSum = 0;
        for (int b = 0; b < p.length; b++) {
            pSum += p[b];
            qSum += q[b];
        }
        double kl = 0;
        for (int b = 0; b < p.length; b++) {
            if (p[b] > 0) {
                double pn = p[b] / pSum;
                double qn = q[b] > 0 ? q[b] / qSum : 1e-12;
                kl += pn * Math.log(pn / qn);
            }
        }
        return kl;
    }
}
