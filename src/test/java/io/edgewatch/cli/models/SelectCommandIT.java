package io.edgewatch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.VariantChoice;
import io.edgewatch.testing.ConsoleCapture;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code models select} on the shipped NanoDet-m fp32/int8 and the bundled clip (short budget: bounded). */
class SelectCommandIT {
    private static final Path FP32 = Path.of("models/nanodet-m-416.onnx");
    private static final Path INT8 = Path.of("models/nanodet-m-416.int8.onnx");

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    private int select(String... args) {
        return new CommandLine(new ModelsCommand()).execute(concat(new String[] {"select"}, args));
    }

    @Test
    @Timeout(60)
    void timesTheShippedVariantsPrintsTheTableAndWritesTheCacheTheDaemonReads() throws Exception {
        Path cache = dir.resolve("state/model-choice.properties");
        int code = select("--frames", "4", "--seconds", "0.5", "--cache", cache.toString());
        String out = console.out();
        assertThat(code).as(out + console.err()).isZero();
        assertThat(out).contains("| variant | p50 ms | p90 ms | fidelity (AP50 vs nanodet-m-416) | picked |")
                .containsPattern("\\| nanodet-m-416 \\| [0-9.]+ \\| [0-9.]+ \\| 1\\.000 \\|")
                .containsPattern("\\| nanodet-m-416\\.int8 \\| [0-9.]+ \\| [0-9.]+ \\| [01]\\.[0-9]{3} \\|");
        assertThat(console.err()).contains("timing 2 variants on 4 frames");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cache)) {
            p.load(r);
        }
        String picked = p.getProperty("name");
        assertThat(picked).isIn("nanodet-m-416", "nanodet-m-416.int8");
        assertThat(out).containsPattern("\\| " + picked.replace(".", "\\.") + " \\|[^\\n]*\\| yes \\|")
                .contains("picked " + picked + " for ");
        assertThat(p.getProperty("key")).isEqualTo(VariantChoice.fileKey(VariantChoice.localCpu(), List.of(FP32, INT8)));
        assertThat(p.getProperty("sha256")).isEqualTo(DetectorFactory.sha256(picked.endsWith("int8") ? INT8 : FP32));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        assertThat(select("--model", dir.resolve("gone.onnx").toString())).isEqualTo(2);
        assertThat(console.err().strip()).isEqualTo("models select: model file not found: " + dir.resolve("gone.onnx"));
        console.reset();
        assertThat(select("--clip", dir.resolve("none.mp4").toString())).isEqualTo(2);
        assertThat(console.err().strip()).isEqualTo("models select: clip not found: " + dir.resolve("none.mp4"));
        console.reset();
        Path notAVideo = Files.writeString(dir.resolve("notes.mp4"), "not a video");
        assertThat(select("--clip", notAVideo.toString(), "--cache", dir.resolve("c").toString())).isEqualTo(2);
        assertThat(console.err()).contains("models select: ");
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void everyOptionIsInDocsCli() throws Exception {
        String doc = Files.readString(Path.of("docs/cli.md"));
        int at = doc.indexOf("### models select");
        assertThat(at).as("docs/cli.md has a models select section").isPositive();
        String section = doc.substring(at, doc.indexOf("\n### ", at + 5));
        for (var o : new CommandLine(new SelectCommand()).getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                assertThat(section).as("docs/cli.md, models select").contains("`" + o.longestName());
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
