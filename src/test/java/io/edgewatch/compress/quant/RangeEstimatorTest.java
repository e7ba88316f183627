package io.edgewatch.compress.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeEstimatorTest {

    private static TensorStats stats(float[]... batches) {
        TensorStats s = new TensorStats("t", true);
        for (float[] b : batches) {
            s.add(b);
        }
        return s;
    }

    private static float[] uniform(Random r, int n, float lo, float hi) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + r.nextFloat() * (hi - lo);
        }
        return x;
    }

    private static float[] gaussianWithOutliers(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n / 10_000; i++) {
            x[r.nextInt(n)] = (r.nextBoolean() ? 1 : -1) * (40f + r.nextFloat() * 20f);
        }
        return x;
    }

    @Test
    void minMaxOfUniformIsItsBoundsAcrossBatches() {
        Random r = new Random(1);
        TensorStats s = stats(uniform(r, 10_000, -1f, 2f), uniform(r, 10_000, -3f, 0.5f));
        Range range = new RangeEstimator(CalibrationOptions.minMax()).estimate(s);
        assertThat(range.min()).isCloseTo(-3f, offset(0.01f));
        assertThat(range.max()).isCloseTo(2f, offset(0.01f));
        assertThat(range.min()).isEqualTo(s.min());
    }

    @Test
    void percentileClipsRareOutliers() {
        Random r = new Random(2);
        TensorStats s = stats(gaussianWithOutliers(r, 200_000), gaussianWithOutliers(r, 200_000));
        assertThat(s.max()).isGreaterThan(40f);
        for (CalibrationOptions o : new CalibrationOptions[] {CalibrationOptions.percentile(99.9),
            new CalibrationOptions(CalibrationMethod.PERCENTILE, 99.9, true)}) {
            Range range = new RangeEstimator(o).estimate(s);
            // 99.9% of N(0,1) lies within about ±3.3; the 0.01% outliers at 40..60 are clipped
            assertThat(range.max()).isBetween(2.5f, 4.5f);
            assertThat(range.min()).isBetween(-4.5f, -2.5f);
        }
    }

    @Test
    void percentileOfBothTailsFollowsAnAsymmetricDistribution() {
        Random r = new Random(3);
        float[] x = uniform(r, 100_000, -1f, 9f);
        Range range = new RangeEstimator(new CalibrationOptions(CalibrationMethod.PERCENTILE, 99, true))
                .estimate(stats(x));
        assertThat(range.min()).isBetween(-1f, -0.9f);
        assertThat(range.max()).isBetween(8.9f, 9f);
    }

    @Test
    void entropyPicksAThresholdBelowTheMaxForLongTails() {
        Random r = new Random(4);
        float[] x = new float[300_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) -Math.log(1 - r.nextDouble()); // exponential: long right tail, max ~12
        }
        TensorStats s = stats(x);
        Range range = new RangeEstimator(CalibrationOptions.entropy()).estimate(s);
        assertThat(range.max()).isLessThan(s.max() * 0.9f).isGreaterThan(3f);
        assertThat(range.min()).isEqualTo(s.min());
    }

    @Test
    void entropyKeepsTheFullRangeOfUniformData() {
        Random r = new Random(5);
        TensorStats s = stats(uniform(r, 200_000, 0f, 4f));
        Range range = new RangeEstimator(CalibrationOptions.entropy()).estimate(s);
        assertThat(range.max()).isGreaterThan(3.8f);
    }

    @Test
    void nonFiniteValuesNeverEnterRangeOrHistogram() {
        float[] x = {Float.NEGATIVE_INFINITY, -1f, 0.5f, Float.NaN, 2f, Float.POSITIVE_INFINITY};
        for (CalibrationOptions o : new CalibrationOptions[] {CalibrationOptions.minMax(),
            CalibrationOptions.percentile(99.99), CalibrationOptions.entropy()}) {
            TensorStats s = new TensorStats("pad", o.method().needsHistograms());
            s.add(x);
            s.add(new float[] {Float.NEGATIVE_INFINITY, 1f});
            assertThat(s.nonFiniteCount()).isEqualTo(4);
            assertThat(s.finiteCount()).isEqualTo(4);
            Range range = new RangeEstimator(o).estimate(s);
            assertThat(range.min()).isGreaterThanOrEqualTo(-1f);
            assertThat(range.max()).isLessThanOrEqualTo(2f);
            assertThat(range.uint8().scale()).isLessThan(0.02f);
        }
    }

    @Test
    void histogramGrowsWithoutLosingCounts() {
        AbsHistogram h = new AbsHistogram(16);
        h.ensureRange(1f);
        h.add(0.5f);
        h.ensureRange(100f);
        h.add(100f);
        h.add(3f);
        assertThat(h.total()).isEqualTo(3);
        assertThat(h.binWidth() * 16).isGreaterThan(100);
        assertThat(h.upperEdgeKeeping(1)).isLessThan(h.binWidth() * 2);
    }

    @Test
    void tensorWithoutFiniteValuesGetsZeroRange() {
        TensorStats s = new TensorStats("t", false);
        s.add(new float[] {Float.NaN});
        assertThat(new RangeEstimator(CalibrationOptions.minMax()).estimate(s)).isEqualTo(new Range(0f, 0f));
    }
}
