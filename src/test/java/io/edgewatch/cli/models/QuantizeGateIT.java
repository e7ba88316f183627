package io.edgewatch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgewatch.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models quantize --min-fidelity} through the CLI on the shipped fp32 NanoDet-m: a calibration that clips
 * 1 % of every activation (percentile 99) is refused with exit 2 and one line, and no file is written. Small and
 * bounded: 12 frames, every 3rd held out (8 calibrate, 4 measure). The recovery path is {@code AccuracyGateIT}.
 */
class QuantizeGateIT {
    private static final Path FP32 = Path.of("models/nanodet-m-416.onnx");
    private static final String CLIP = "test-videos/vtest-people.mp4";

    @TempDir
    Path dir;

    @Test
    void badCalibrationIsRefusedAndNothingIsWritten() throws Exception {
        assumeTrue(Files.exists(FP32) && Files.exists(Path.of(CLIP)), "fp32 model or clip missing");
        Path out = dir.resolve("bad.int8.onnx");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int rc;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            rc = Main.execute("models", "quantize", "--model", FP32.toString(), "--out", out.toString(),
                    "--calib", CLIP, "--frames", "12", "--stride", "8", "--holdout-every", "3",
                    "--method", "percentile", "--percentile", "99", "--min-fidelity", "0.95");
        } finally {
            System.setErr(saved);
        }
        String refusal = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("refused:"))
                .findFirst().orElse("");
        System.out.println(refusal);
        assertThat(rc).isEqualTo(2);
        assertThat(out).doesNotExist();
        assertThat(dir.resolve("bad.int8.onnx.tmp")).doesNotExist();
        assertThat(refusal).matches("refused: fidelity 0\\.\\d{4} \\(AP50 vs float on 4 held-out frames\\) is below "
                + "--min-fidelity 0\\.9500; nothing written; try --auto .*--method.*");
    }
}
