package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.prune.Sparsity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thin compression commands end to end on the real NanoDet-m file. */
class ModelsCompressCommandsTest {
    static final String MODEL = "models/nanodet-m-416.onnx";

    @TempDir
    Path dir;

    @Test
    void pruneWritesAModelWithTheRequestedSparsity() throws Exception {
        Path out = dir.resolve("p.onnx");
        assertThat(Main.execute("models", "prune", MODEL, out.toString(), "--sparsity", "0.4", "--scope", "global"))
                .isZero();
        Sparsity s = Sparsity.measure(OnnxFiles.read(out), false);
        assertThat(s.overall(List.of())).isBetween(0.35, 0.4);
    }

    @Test
    void channelsLowrankAndWquantWriteLoadableModels() throws Exception {
        assertThat(Main.execute("models", "prune", MODEL, dir.resolve("c.onnx").toString(), "--method", "channels",
                "--sparsity", "0.25")).isZero();
        assertThat(Files.size(dir.resolve("c.onnx"))).isLessThan(Files.size(Path.of(MODEL)));
        assertThat(Main.execute("models", "lowrank", MODEL, dir.resolve("l.onnx").toString(), "--ratio", "0.25"))
                .isZero();
        assertThat(Files.size(dir.resolve("l.onnx"))).isLessThan(Files.size(Path.of(MODEL)));
        assertThat(Main.execute("models", "wquant", MODEL, dir.resolve("w.onnx").toString(), "--scheme", "log2",
                "--bits", "5")).isZero();
        assertThat(Files.exists(dir.resolve("w.onnx"))).isTrue();
    }

    @Test
    void badOptionsFail() {
        assertThat(Main.execute("models", "lowrank", MODEL, dir.resolve("x.onnx").toString())).isNotZero();
        assertThat(Main.execute("models", "prune", MODEL, dir.resolve("x.onnx").toString(), "--sparsity", "1.5"))
                .isNotZero();
    }
}
