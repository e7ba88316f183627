package io.edgewatch.compress.quant;

/**
 * Memory-bounded histogram of absolute values over [0, range). The range is not known in advance: when a larger
 * value arrives the bin width doubles (pairs of bins merge exactly) until it fits, so after any input the observed
 * maximum lies in the upper half and at least half of the bins are in use.
 */
final class AbsHistogram {

    private final long[] counts;
    private double width;

    AbsHistogram(int bins) {
        if (bins < 2 || Integer.bitCount(bins) != 1) {
            throw new IllegalArgumentException("bins must be a power of two >= 2: " + bins);
        }
        this.counts = new long[bins];
    }

    /** Makes room for values up to {@code absMax} (call once per batch before {@link #add}). */
    void ensureRange(float absMax) {
        if (absMax <= 0f) {
            return;
        }
        if (width == 0) {
            width = absMax * (1 + 1e-6) / counts.length;
            return;
        }
        int doublings = 0;
        while (absMax >= width * Math.pow(2, doublings) * counts.length) {
            doublings++;
        }
        if (doublings > 0) {
            merge(doublings);
        }
    }

    private void merge(int doublings) {
        int factor = 1 << Math.min(doublings, 30);
        for (int i = 0; i < counts.length; i++) {
            long c = counts[i];
            counts[i] = 0;
            counts[i / factor] += c;
        }
        width *= Math.pow(2, doublings);
    }

    /** Adds one absolute value, which must not exceed the range given to {@link #ensureRange}. */
    void add(float abs) {
        addCount(abs, 1);
    }

    /** Adds {@code n} copies of one absolute value. */
    void addCount(float abs, long n) {
        int bin = width == 0 ? 0 : (int) (abs / width);
        counts[Math.min(bin, counts.length - 1)] += n;
    }

    long[] counts() {
        return counts.clone();
    }

    double binWidth() {
        return width;
    }

    long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Smallest upper bin edge below which at least {@code keep} values lie (0 when empty). */
    double upperEdgeKeeping(double keep) {
        long cum = 0;
        for (int i = 0; i < counts.length; i++) {
            cum += counts[i];
            if (cum >= keep) {
                return (i + 1) * width;
            }
        }
        return counts.length * width;
    }
}
