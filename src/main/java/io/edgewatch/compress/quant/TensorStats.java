package io.edgewatch.compress.quant;

/**
 * Running statistics of one activation tensor over all calibration inputs. Non-finite values (±inf, NaN) are
 * counted and otherwise ignored: a single -inf from a {@code Pad(-inf)} would otherwise destroy the scale.
 */
public final class TensorStats {

    static final int HISTOGRAM_BINS = 2048;

    private final String name;
    private final AbsHistogram positive;
    private final AbsHistogram negative;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private long finiteCount;
    private long nonFiniteCount;

    /** @param histograms whether to keep histograms (needed by percentile and entropy calibration) */
    public TensorStats(String name, boolean histograms) {
        this.name = name;
        this.positive = histograms ? new AbsHistogram(HISTOGRAM_BINS) : null;
        this.negative = histograms ? new AbsHistogram(HISTOGRAM_BINS) : null;
    }

    public void add(float[] values) {
        add(values, values.length);
    }

    /** Adds the first {@code length} values. */
    public void add(float[] values, int length) {
        float batchMin = Float.POSITIVE_INFINITY;
        float batchMax = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < length; i++) {
            float v = values[i];
            if (!Float.isFinite(v)) {
                nonFiniteCount++;
                continue;
            }
            batchMin = Math.min(batchMin, v);
            batchMax = Math.max(batchMax, v);
            finiteCount++;
        }
        if (batchMin > batchMax) {
            return;
        }
        min = Math.min(min, batchMin);
        max = Math.max(max, batchMax);
        if (positive != null) {
            addToHistograms(values, length, batchMin, batchMax);
        }
    }

    private void addToHistograms(float[] values, int length, float batchMin, float batchMax) {
        positive.ensureRange(Math.max(batchMax, 0f));
        negative.ensureRange(Math.max(-batchMin, 0f));
        for (int i = 0; i < length; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                if (v >= 0f) {
                    positive.add(v);
                } else {
                    negative.add(-v);
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public float min() {
        return min;
    }

    public float max() {
        return max;
    }

    public long finiteCount() {
        return finiteCount;
    }

    public long nonFiniteCount() {
        return nonFiniteCount;
    }

    public boolean hasHistograms() {
        return positive != null;
    }

    AbsHistogram positive() {
        return positive;
    }

    AbsHistogram negative() {
        return negative;
    }

    /** Histogram of |x| over both signs, on the coarser of the two bin widths. */
    AbsHistogram combinedAbs() {
        AbsHistogram out = new AbsHistogram(HISTOGRAM_BINS);
        out.ensureRange((float) Math.max(positive.binWidth(), negative.binWidth()) * HISTOGRAM_BINS);
        addInto(out, positive);
        addInto(out, negative);
        return out;
    }

    private static void addInto(AbsHistogram target, AbsHistogram source) {
        long[] counts = source.counts();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                target.addCount((float) ((i + 0.5) * source.binWidth()), counts[i]);
            }
        }
    }
}
