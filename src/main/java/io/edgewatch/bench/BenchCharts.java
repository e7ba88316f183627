package io.edgewatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of a bench run (JFreeChart, headless). */
final class BenchCharts {
    private static final int W = 800;
    private static final int H = 450;

    private BenchCharts() {}

    static void write(BenchResults r, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        ChartUtils.saveChartAsPNG(dir.resolve("runtimes.png").toFile(), runtimes(r), W, H);
        ChartUtils.saveChartAsPNG(dir.resolve("scale.png").toFile(), scale(r), W, H);
        ChartUtils.saveChartAsPNG(dir.resolve("memory.png").toFile(), memory(r), W, H);
    }

    private static JFreeChart runtimes(BenchResults r) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (RuntimeBench.Result x : r.runtimes()) {
            if (x.error() == null) {
                d.addValue(x.latencyMs().p50(), x.runtime() + " p50", x.threads() + " thread(s)");
                d.addValue(x.latencyMs().p90(), x.runtime() + " p90", x.threads() + " thread(s)");
            }
        }
        return ChartFactory.createBarChart("NanoDet-m 416 inference latency (interleaved)", "", "ms", d,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart scale(BenchResults r) {
        XYSeries cpu = new XYSeries("CPU % of machine");
        XYSeries served = new XYSeries("detections served %");
        XYSeries p99 = new XYSeries("e2e p99 (x10 ms)");
        for (ProbeResult s : r.scale()) {
            cpu.add(s.cameras(), 100 * s.cpuOfMachine());
            served.add(s.cameras(), s.requested() == 0 ? 0 : 100 * s.detected() / s.requested());
            if (!Double.isNaN(s.endToEndMs().p99())) {
                p99.add(s.cameras(), s.endToEndMs().p99() / 10);
            }
        }
        XYSeriesCollection d = new XYSeriesCollection();
        d.addSeries(cpu);
        d.addSeries(served);
        d.addSeries(p99);
        return ChartFactory.createXYLineChart("Scale: cameras at a fixed detect fps each", "cameras", "", d,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart memory(BenchResults r) {
        DefaultCategoryDataset d = new DefaultCategoryDataset();
        for (ProbeResult s : r.scale()) {
            String c = s.cameras() + " cam";
            d.addValue(s.rssMb(), "RSS", c);
            d.addValue(s.heapUsedMb(), "heap used", c);
            if (s.nativeMemory() != null && s.nativeMemory().error() == null) {
                d.addValue(s.nativeMemory().committedMb(), "NMT committed (JVM total)", c);
            }
        }
        return ChartFactory.createBarChart("Memory per camera count", "", "MB", d, PlotOrientation.VERTICAL, true,
                false, false);
    }
}
