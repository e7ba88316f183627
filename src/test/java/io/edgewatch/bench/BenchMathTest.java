package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchMathTest {
    /** Head of a real `jcmd <pid> VM.native_memory summary` answer (JDK 17). */
    private static final String NMT = """
            3565:

            Native Memory Tracking:

            (Omitting categories weighting less than 1KB)

            Total: reserved=7842528KB, committed=484744KB
                   malloc: 10136KB #61166
                   mmap:   reserved=7832392KB, committed=474608KB

            -                 Java Heap (reserved=6172672KB, committed=397312KB)
                                        (mmap: reserved=6172672KB, committed=397312KB)
            """;

    @Test
    void percentilesAreNearestRank() {
        double[] ms = new double[100];
        for (int i = 0; i < 100; i++) {
            ms[i] = 100 - i; // unsorted input: 100 .. 1
        }
        Percentiles p = Percentiles.ofMillis(ms);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p90()).isEqualTo(90);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.mean()).isEqualTo(50.5);
        assertThat(Percentiles.ofMillis(new double[0]).p50()).isNaN();
    }

    @Test
    void parsesNmtTotalsAndHeap() {
        ProbeResult.NativeMemory m = ProbeLauncher.parseNmt(NMT);
        assertThat(m.error()).isNull();
        assertThat(m.reservedMb()).isEqualTo(7842528 / 1024.0);
        assertThat(m.committedMb()).isEqualTo(484744 / 1024.0);
        assertThat(m.javaHeapCommittedMb()).isEqualTo(397312 / 1024.0);
        assertThat(ProbeLauncher.parseNmt("Native memory tracking is not enabled").error())
                .contains("no NMT total");
    }

    @Test
    void floorUsesTheRunsOwnDecodeToDetectRatio() {
        FloorBench.Cost decode = new FloorBench.Cost("decode", 300, 2.0, 2.0);
        FloorBench.Cost inference = new FloorBench.Cost("inference", 40, 10.0, 11.0);
        ProbeResult run = probe(1, 200, 100, 2.8, Map.of("detect", 1.5), 40);
        FloorBench.Cost decodeOnly = new FloorBench.Cost("decode, no conversion", 300, 1.5, 1.5);
        BenchResults.Floor f = BenchSuite.floor(decode, decodeOnly, inference, run);
        assertThat(f.decodedPerDetection()).isEqualTo(2.0);
        assertThat(f.floorCpuMs()).isEqualTo(14.0);
        assertThat(f.daemonCpuMs()).isCloseTo(28.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.overhead()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.floorLatencyMs()).isEqualTo(13.0);
        // stricter: two decodes at 1.5, one conversion (2.0 - 1.5), one inference
        assertThat(f.strictFloorCpuMs()).isCloseTo(13.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.strictOverhead()).isCloseTo(28.0 / 13.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void budgetNeedsServedScheduleBoundedCpuAndLatency() {
        assertThat(Targets.withinBudget(probe(8, 2400, 320, 14, Map.of(), 200))).isTrue();
        assertThat(Targets.withinBudget(probe(8, 2400, 300, 14, Map.of(), 200))).as("only 94% served").isFalse();
        assertThat(Targets.withinBudget(probe(8, 2400, 320, 37, Map.of(), 200))).as("CPU 92%").isFalse();
        assertThat(Targets.withinBudget(probe(8, 2400, 320, 14, Map.of(), 1500))).as("p99 1.5 s").isFalse();
        assertThat(Targets.largestWithinBudget(List.of(probe(1, 300, 40, 1, Map.of(), 50),
                probe(4, 1200, 160, 5, Map.of(), 80), probe(6, 1800, 200, 9, Map.of(), 90),
                probe(8, 2400, 320, 14, Map.of(), 90)))).as("8 held, but 6 did not").isEqualTo(4);
    }

    @Test
    void externalBrokerRowsComeFirstAndSayWhenTheyWereNotMeasured() {
        BenchResults.Floor embedded = new BenchResults.Floor(2, 14, 20, 20 / 14.0, 20, 13, 20 / 13.0);
        BenchResults.Floor external = new BenchResults.Floor(2, 14, 17, 17 / 14.0, 20, 13, 17 / 13.0);
        ProbeResult run = probe(1, 200, 100, 3.0, Map.of(), 45);
        List<BenchResults.Target> both = Targets.evaluate(List.of(), embedded, run, external, run, List.of(run));
        assertThat(both).extracting(BenchResults.Target::name).startsWith("overhead, external broker",
                "overhead, embedded broker", "end-to-end p99, external broker", "end-to-end p99, embedded broker");
        assertThat(both).extracting(BenchResults.Target::met).startsWith(true, false, false, false);
        List<BenchResults.Target> none = Targets.evaluate(List.of(), embedded, run, null, null, List.of(run));
        assertThat(none.get(0).met()).isNull();
        assertThat(none.get(0).measured()).contains("not measured");
        assertThat(none.get(1).met()).isFalse();
    }

    /** A 20 s window on a 2-core machine at 2 detect fps per camera. */
    private static ProbeResult probe(int cameras, long decoded, long detected, double cpuS,
                                     Map<String, Double> threads, double p99) {
        Percentiles lat = new Percentiles(10, p99 / 2, p99, p99, p99 / 2, p99);
        return new ProbeResult(cameras, 2, 20, cpuS, cpuS / 40, decoded, detected, cameras * 2 * 20.0, 0, 0, 0,
                lat, lat, lat, lat, 10, 300, 80, 200, 1, threads, null);
    }
}
