package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's CPU split: Java threads by stage, the JVM's hidden threads from /proc, the rest native. */
class ThreadCpuTest {
    @Test
    void theJvmsOwnThreadsAreFoundInProc() {
        Map<String, Long> tasks = ThreadCpu.jvmTasks();
        assertThat(tasks.keySet()).anyMatch(k -> k.endsWith(" VM Thread"));
        assertThat(tasks.keySet()).anyMatch(k -> k.contains("CompilerThre"));
        assertThat(tasks.values()).allMatch(v -> v >= 0);
        assertThat(ThreadCpu.jvmGroup("detect")).isNull();
        assertThat(ThreadCpu.jvmGroup("GC Thread#0")).isEqualTo(ThreadCpu.GC_VM);
    }

    @Test
    void whatJavaAndTheJvmDoNotExplainIsNative() {
        Map<Long, String> names = new HashMap<>(Map.of(1L, "detect", 2L, "ingest-cam1"));
        Map<Long, Long> a = Map.of(1L, 1_000_000_000L, 2L, 0L);
        Map<Long, Long> b = Map.of(1L, 4_000_000_000L, 2L, 1_000_000_000L);
        Map<String, Long> tasksA = Map.of("7 C2 CompilerThre", 500_000_000L);
        Map<String, Long> tasksB = Map.of("7 C2 CompilerThre", 2_500_000_000L, "8 VM Thread", 1_000_000_000L);
        Map<String, Double> g = ThreadCpu.byGroup(a, b, names, tasksA, tasksB, 10.0);
        assertThat(g.get("detect")).isCloseTo(3.0, within(1e-9));
        assertThat(g.get("ingest")).isCloseTo(1.0, within(1e-9));
        assertThat(g.get(ThreadCpu.JIT)).isCloseTo(2.0, within(1e-9));
        assertThat(g.get(ThreadCpu.GC_VM)).isCloseTo(1.0, within(1e-9));
        assertThat(g.get(ThreadCpu.NATIVE)).isCloseTo(3.0, within(1e-9));
    }
}
