package io.edgewatch.compress.eval;

import io.edgewatch.detect.Agreement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fidelity of one candidate model against the reference over a set of images.
 *
 * @param model          candidate name
 * @param images         images evaluated
 * @param ap50           mean over classes of AP at IoU 0.5
 * @param ap50to95       COCO AP averaged over IoU 0.50..0.95
 * @param perClassAp50   per label
 * @param perClassAp5095 per label
 * @param gtCounts       reference boxes (ground truth) per label
 */
public record ModelFidelity(String model, int images, double ap50, double ap50to95, Map<String, Double> perClassAp50,
        Map<String, Double> perClassAp5095, Map<String, Integer> gtCounts) {

    public ModelFidelity {
        perClassAp50 = Map.copyOf(perClassAp50);
        perClassAp5095 = Map.copyOf(perClassAp5095);
        gtCounts = Map.copyOf(gtCounts);
    }

    /** Mean AP50 over the classes with at least {@code minBoxes} reference boxes (NaN if none). */
    public double ap50Over(int minBoxes) {
        return meanOver(perClassAp50, minBoxes);
    }

    /** Mean AP50-95 over the classes with at least {@code minBoxes} reference boxes (NaN if none). */
    public double ap50to95Over(int minBoxes) {
        return meanOver(perClassAp5095, minBoxes);
    }

    /** How many classes have at least {@code minBoxes} reference boxes. */
    public long classesOver(int minBoxes) {
        return gtCounts.values().stream().filter(n -> n >= minBoxes).count();
    }

    private double meanOver(Map<String, Double> perClass, int minBoxes) {
        return perClass.entrySet().stream().filter(e -> gtCounts.getOrDefault(e.getKey(), 0) >= minBoxes)
                .mapToDouble(Map.Entry::getValue).average().orElse(Double.NaN);
    }

    /** Summarises an evaluator that has seen all images. */
    public static ModelFidelity of(String model, Agreement e) {
        Map<String, Double> ap50 = e.apPerClass(0.5);
        Map<String, Double> sum = new TreeMap<>();
        for (int i = 0; i < 10; i++) {
            e.apPerClass(0.5 + 0.05 * i).forEach((label, ap) -> sum.merge(label, ap, Double::sum));
        }
        Map<String, Double> ap5095 = new LinkedHashMap<>();
        sum.forEach((label, s) -> ap5095.put(label, s / 10));
        return new ModelFidelity(model, e.images(), e.ap50(), e.ap50to95(), ap50, ap5095, e.gtCounts());
    }
}
