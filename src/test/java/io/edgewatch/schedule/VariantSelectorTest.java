package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.ModelConfig;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.VariantChoice;
import io.edgewatch.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which file model.path: auto serves at start: the cached choice for this CPU and these files, else int8 first. */
class VariantSelectorTest {
    @TempDir
    Path dir;

    private ModelConfig auto(Path... variants) {
        return new ModelConfig(ModelConfig.AUTO, 1, 416, "auto", "", 0.8, false, List.of(variants));
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void withoutACacheEntryServesTheInt8VariantsFirstAndTheReferenceLast() throws Exception {
        Path fp32 = file("fp32.onnx", "fp32");
        Path int8 = file("int8.onnx", "int8");
        VariantSelector s = new VariantSelector(auto(fp32, int8), dir.resolve("choice.properties"), "CPU X",
                new FakeTime());
        assertThat(s.cached()).isEmpty();
        assertThat(s.startOrder()).containsExactly(int8, fp32);
    }

    @Test
    void aCachedChoiceIsFoundByHashWhereverTheFilesLiveButOnlyForTheSameCpuAndFiles() throws Exception {
        Path fp32 = file("fp32.onnx", "fp32");
        Path int8 = file("int8.onnx", "int8");
        Path cache = dir.resolve("state/choice.properties");
        String key = VariantChoice.fileKey("CPU X", List.of(fp32, int8));
        // written by `models select` from another checkout: another path, the same bytes
        VariantChoice.store(cache, key, new VariantChoice.Measured("fp32", Path.of("/elsewhere/fp32.onnx"),
                DetectorFactory.sha256(fp32), 30e6, 1.0));
        assertThat(new VariantSelector(auto(fp32, int8), cache, "CPU X", new FakeTime()).startOrder())
                .containsExactly(fp32);
        assertThat(new VariantSelector(auto(fp32, int8), cache, "CPU Y", new FakeTime()).startOrder())
                .containsExactly(int8, fp32);
        Files.writeString(int8, "int8, recalibrated");
        assertThat(new VariantSelector(auto(fp32, int8), cache, "CPU X", new FakeTime()).cached()).isEmpty();
    }

    @Test
    void aCorruptCacheMeansMeasuringAgain() throws Exception {
        Path fp32 = file("fp32.onnx", "fp32");
        Path int8 = file("int8.onnx", "int8");
        Path cache = Files.write(dir.resolve("choice.properties"), new byte[] {'k', 'e', 'y', '=', '\\', 'u', 'z'});
        assertThat(new VariantSelector(auto(fp32, int8), cache, "CPU X", new FakeTime()).cached()).isEmpty();
    }

    @Test
    void waitingForFramesSleepsOnTheInjectedClockAndStopsOnInterrupt() throws Exception {
        FakeTime time = new FakeTime();
        VariantSelector s = new VariantSelector(auto(file("a.onnx", "a"), file("b.onnx", "b")),
                dir.resolve("c.properties"), "CPU X", time);
        Thread t = new Thread(() -> {
            try {
                s.selectWhenReady(new RecentFrames(8, 0), null, null, new VariantSelector.Settings(4, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "select-test");
        t.start();
        t.interrupt();
        t.join(5_000);
        assertThat(t.isAlive()).isFalse();
    }
}
