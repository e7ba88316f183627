package io.edgewatch.compress.latency;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyBenchTest {
    @Test
    void nearestRankPercentiles() {
        double[] v = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertThat(LatencyBench.percentile(v, 50)).isEqualTo(5);
        assertThat(LatencyBench.percentile(v, 90)).isEqualTo(9);
        assertThat(LatencyBench.percentile(v, 100)).isEqualTo(10);
        assertThat(LatencyBench.percentile(new double[] {42}, 90)).isEqualTo(42);
    }
}
