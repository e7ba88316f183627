package io.edgewatch.compress.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    @Test
    void writesReadablePngs(@TempDir Path dir) throws Exception {
        List<Charts.Point> pts = List.of(new Charts.Point("fp32", 33.0, 1.0, "3.7 MB"),
                new Charts.Point("int8", 20.0, 0.97, "1.0 MB"));
        Path scatter = dir.resolve("s.png");
        Path bars = dir.resolve("b.png");
        Charts.scatter(scatter, "fidelity vs latency", "ms", "AP50", pts);
        Charts.bars(bars, "size", "MB", pts);
        BufferedImage s = ImageIO.read(scatter.toFile());
        BufferedImage b = ImageIO.read(bars.toFile());
        assertThat(s.getWidth()).isEqualTo(900);
        assertThat(b.getHeight()).isEqualTo(480);
    }
}
