package io.edgewatch.compress.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small report run end to end: every variant measured, Markdown and plots written. */
class CompressionReportIT {
    static final String VTEST = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";

    @TempDir
    Path dir;

    @Test
    void smallReportMeasuresEveryVariant() throws Exception {
        assumeTrue(Files.exists(Path.of(VTEST)), "vtest.avi (opencv-doc) missing");
        ReportSettings s = new ReportSettings(Path.of("models/nanodet-m-416.onnx"), VTEST, 300, 10, 6,
                "test-videos/vtest-people.mp4", 3, dir.resolve("work"), dir.resolve("r.md"), dir.resolve("img"), 2, 1,
                3, new double[] {0.2, 0.4}, 0.25);
        List<CompressionReport.Row> rows = new CompressionReport(s, TimeSource.system(), m -> { }).run();
        assertThat(rows).extracting(r -> r.variant().name()).contains("fp32", "int8-minmax", "int8-percentile",
                "int8-entropy", "prune-l1-20", "prune-l1-40", "channels-25", "lowrank-1x1-e90", "prune-20+int8");
        CompressionReport.Row fp32 = rows.get(0);
        assertThat(fp32.ap50()).isEqualTo(1.0); // the reference against itself
        for (CompressionReport.Row r : rows) {
            assertThat(r.bytes()).isEqualTo(Files.size(r.variant().file()));
            assertThat(r.deflated()).isPositive().isLessThanOrEqualTo(r.bytes());
            assertThat(r.p50Ms()).isPositive();
        }
        CompressionReport.Row p40 = rows.stream().filter(r -> r.variant().name().equals("prune-l1-40")).findFirst()
                .orElseThrow();
        assertThat(p40.deflated()).isLessThan(fp32.deflated());
        assertThat(p40.macs()).isEqualTo(fp32.macs()); // unstructured: same graph, same work
        CompressionReport.Row ch = rows.stream().filter(r -> r.variant().family().equals("structured")).findFirst()
                .orElseThrow();
        assertThat(ch.macs()).isLessThan(fp32.macs());
        String md = Files.readString(s.markdown());
        assertThat(md).contains("| prune-20+int8 |", "does not speed up ONNX Runtime", "img/compression-size.png");
        assertThat(dir.resolve("img/compression-fidelity-latency.png")).isNotEmptyFile();
        assertThat(dir.resolve("img/compression-size.png")).isNotEmptyFile();
    }
}
