package io.edgewatch.compress.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTableTest {
    private static LatencyBench.Result r(String name, int threads, long size, double p50) {
        return new LatencyBench.Result(name, Path.of(name + ".onnx"), threads, size, p50, p50 * 1.2, p50 * 1.1, 10);
    }

    private final List<LatencyBench.Result> results = List.of(r("fp32", 1, 15_000_000, 40), r("int8", 1, 4_000_000, 25),
            r("fp32", 2, 15_000_000, 24), r("int8", 2, 4_000_000, 16));

    @Test
    void speedUpIsAgainstTheFirstModelAtTheSameThreadCount() {
        assertThat(LatencyTable.speedup(results, results.get(1))).isEqualTo(1.6, within(1e-9));
        assertThat(LatencyTable.speedup(results, results.get(3))).isEqualTo(1.5, within(1e-9));
        assertThat(LatencyTable.speedup(results, results.get(2))).isEqualTo(1.0, within(1e-9));
        assertThat(LatencyTable.sizeRatio(results, results.get(3))).isEqualTo(3.75, within(1e-9));
    }

    @Test
    void markdownHasOneRowPerResultWithRatios() {
        String md = LatencyTable.markdown(results);
        assertThat(md.lines()).hasSize(2 + results.size());
        assertThat(md).contains("| int8 | 1 | 4.00 | 3.75x | 25.0 | 30.0 | 27.5 | 1.60x | 10 |")
                .contains("| int8 | 2 | 4.00 | 3.75x | 16.0 | 19.2 | 17.6 | 1.50x | 10 |");
    }

    @Test
    void missingBaselineThreadCountIsAnError() {
        assertThatThrownBy(() -> LatencyTable.baseline(results, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 threads");
    }
}
