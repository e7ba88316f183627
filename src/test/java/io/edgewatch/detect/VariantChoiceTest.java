package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VariantChoiceTest {
    private static VariantChoice.Measured v(String name, double p90Ms, double fidelity) {
        return new VariantChoice.Measured(name, Path.of("models/" + name + ".onnx"), name + "-sha", p90Ms * 1e6,
                fidelity);
    }

    @Test
    void picksTheFastestVariantThatPassesItsGate() {
        List<VariantChoice.Measured> x86 = List.of(v("fp32", 33, 1.0), v("int8", 21, 0.95), v("s8s8", 40, 0.96));
        assertThat(VariantChoice.pick(x86, 0.8)).get().extracting(VariantChoice.Measured::name).isEqualTo("int8");
        // Pi 4 (no dot product): int8 slower than fp32
        List<VariantChoice.Measured> a72 = List.of(v("fp32", 300, 1.0), v("int8", 420, 0.95));
        assertThat(VariantChoice.pick(a72, 0.8)).get().extracting(VariantChoice.Measured::name).isEqualTo("fp32");
        // a fast but broken int8 is never picked
        List<VariantChoice.Measured> broken = List.of(v("fp32", 33, 1.0), v("int8", 10, 0.2));
        assertThat(VariantChoice.pick(broken, 0.8)).get().extracting(VariantChoice.Measured::name).isEqualTo("fp32");
        assertThat(VariantChoice.pick(List.of(v("int8", 10, 0.2)), 0.8)).isEmpty();
    }

    @Test
    void cacheHitsOnlyForTheSameCpuAndHashes(@TempDir Path state) {
        Path cache = state.resolve("model-choice.properties");
        String key = VariantChoice.key("Intel(R) Xeon(R) CPU", List.of("b", "a"));
        assertThat(key).isEqualTo(VariantChoice.key("Intel(R) Xeon(R) CPU", List.of("a", "b")));
        assertThat(VariantChoice.cached(cache, key)).isEmpty();
        VariantChoice.store(cache, key, v("int8", 21, 0.95));
        assertThat(VariantChoice.cached(cache, key)).contains(Path.of("models/int8.onnx"));
        assertThat(VariantChoice.cached(cache, VariantChoice.key("Cortex-A72", List.of("a", "b")))).isEmpty();
        assertThat(VariantChoice.cached(cache, VariantChoice.key("Intel(R) Xeon(R) CPU", List.of("a", "c"))))
                .isEmpty();
    }

    @Test
    void cpuModelFromCpuinfo() {
        assertThat(VariantChoice.cpuModel("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t: avx2\n"))
                .isEqualTo("AMD EPYC 7B13");
        assertThat(VariantChoice.cpuModel("processor\t: 0\nCPU part\t: 0xd08\n")).isEqualTo("arm part 0xd08");
        assertThat(VariantChoice.cpuModel("")).isEqualTo("unknown");
    }
}
