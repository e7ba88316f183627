package io.edgewatch.compress.eval;

import io.edgewatch.detect.Detection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Markdown tables for {@code edgewatch models eval}: overall, per class, and detections on named test images. */
public final class FidelityMarkdown {
    private FidelityMarkdown() {}

    /** Detections of one model on one image. */
    public record ImageResult(String image, String model, List<Detection> detections) {
        public ImageResult {
            detections = List.copyOf(detections);
        }
    }

    /**
     * COCO means over all classes with ground truth, and over the classes with at least {@code minBoxes} reference
     * boxes (a class with one or two boxes swings the plain mean by up to 1/classes on its own).
     */
    public static String overall(List<ModelFidelity> results, int minBoxes) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| model | images | AP50 | AP50-95 | "
                + "classes | AP50, classes >= %d boxes | AP50-95, classes >= %d boxes |%n"
                + "|---|---:|---:|---:|---:|---:|---:|%n", minBoxes, minBoxes));
        for (ModelFidelity r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %d (%d) | %.4f | %.4f |%n", r.model(),
                    r.images(), r.ap50(), r.ap50to95(), r.gtCounts().size(), r.classesOver(minBoxes),
                    r.ap50Over(minBoxes), r.ap50to95Over(minBoxes)));
        }
        return sb.toString();
    }

    /** One row per label with ground truth; one AP50 / AP50-95 column pair per model. */
    public static String perClass(List<ModelFidelity> results) {
        Map<String, Integer> gt = new TreeMap<>();
        results.forEach(r -> gt.putAll(r.gtCounts()));
        StringBuilder sb = new StringBuilder("| class | reference boxes |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (ModelFidelity r : results) {
            sb.append(' ').append(r.model()).append(" AP50 | ").append(r.model()).append(" AP50-95 |");
            rule.append("---:|---:|");
        }
        sb.append('\n').append(rule).append('\n');
        gt.forEach((label, n) -> {
            sb.append("| ").append(label).append(" | ").append(n).append(" |");
            for (ModelFidelity r : results) {
                sb.append(String.format(Locale.ROOT, " %s | %s |", fmt(r.perClassAp50().get(label)),
                        fmt(r.perClassAp5095().get(label))));
            }
            sb.append('\n');
        });
        return sb.toString();
    }

    public static String images(List<ImageResult> results, double minScore) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "| image | model | detections (score >= %.2f) |%n|---|---|---|%n", minScore));
        for (ImageResult r : results) {
            StringBuilder d = new StringBuilder();
            for (Detection det : r.detections()) {
                if (det.score() >= minScore) {
                    d.append(d.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT,
                            "%s %.2f [%.3f %.3f %.3f %.3f]", det.label(), det.score(), det.x1(), det.y1(), det.x2(),
                            det.y2()));
                }
            }
            sb.append("| ").append(r.image()).append(" | ").append(r.model()).append(" | ")
                    .append(d.isEmpty() ? "(none)" : d).append(" |\n");
        }
        return sb.toString();
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
