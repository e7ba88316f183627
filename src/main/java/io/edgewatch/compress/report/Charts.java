package io.edgewatch.compress.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts for reports (JFreeChart, headless). */
public final class Charts {
    private Charts() {}

    /** A labelled point; {@code note} is printed beside it (e.g. the file size). */
    public record Point(String name, double x, double y, String note) {}

    /** Scatter plot with one labelled marker per variant, e.g. fidelity vs latency. */
    public static void scatter(Path png, String title, String xLabel, String yLabel, List<Point> points)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        for (Point p : points) {
            XYSeries s = new XYSeries(p.name());
            s.add(p.x(), p.y());
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createScatterPlot(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // Room on the right for the labels, which are drawn to the right of each point.
        plot.getDomainAxis().setUpperMargin(0.35);
        plot.getRangeAxis().setUpperMargin(0.08);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < points.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            Point p = points.get(i);
            XYTextAnnotation a = new XYTextAnnotation(" " + p.name() + (p.note().isEmpty() ? "" : " (" + p.note() + ")"),
                    p.x(), p.y());
            a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            plot.addAnnotation(a);
        }
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 560);
    }

    /** Bar chart of one value per variant, e.g. file size in MB. */
    public static void bars(Path png, String title, String valueLabel, List<Point> points) throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Point p : points) {
            data.addValue(p.y(), valueLabel, p.name());
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "", valueLabel, data, PlotOrientation.VERTICAL,
                false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 480);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
