package io.edgewatch.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * COCO-style average precision of a candidate model against a reference model's detections taken as ground truth
 * (fidelity, not accuracy). Per IoU threshold and class: candidates of all images sorted by score, each greedily
 * matched to the best unmatched ground-truth box of its image, 101-point interpolated precision. AP50-95 averages
 * thresholds 0.50, 0.55 … 0.95. Classes without ground truth are left out of the means.
 */
public final class Agreement {
    private final double gtMinScore;
    private final List<List<Detection>> truths = new ArrayList<>();
    private final List<List<Detection>> candidates = new ArrayList<>();

    /** @param gtMinScore reference detections below this score are not ground truth */
    public Agreement(double gtMinScore) {
        if (!(gtMinScore >= 0 && gtMinScore <= 1)) {
            throw new IllegalArgumentException("gtMinScore must be in [0,1]: " + gtMinScore);
        }
        this.gtMinScore = gtMinScore;
    }

    /** Adds one image: the reference's detections and the candidate's (all scores; the curve needs them). */
    public void add(List<Detection> reference, List<Detection> candidate) {
        truths.add(reference.stream().filter(d -> d.score() >= gtMinScore).toList());
        candidates.add(List.copyOf(candidate));
    }

    /** Candidate detections at or above a score, over all images. */
    public long candidatesAbove(double score) {
        return candidates.stream().flatMap(List::stream).filter(d -> d.score() >= score).count();
    }

    public int images() {
        return truths.size();
    }

    /** Per-class AP at one IoU threshold, keyed by label, for classes with ground truth. */
    public Map<String, Double> apPerClass(double iouThreshold) {
        Map<String, Double> out = new TreeMap<>();
        for (String label : gtLabels()) {
            out.put(label, ap(label, iouThreshold));
        }
        return out;
    }

    public double ap50() {
        return mean(apPerClass(0.5));
    }

    public double ap50to95() {
        double sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += mean(apPerClass(0.5 + 0.05 * i));
        }
        return sum / 10;
    }

    /** Ground-truth boxes per label, for reports. */
    public Map<String, Integer> gtCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        truths.forEach(l -> l.forEach(d -> counts.merge(d.label(), 1, Integer::sum)));
        return counts;
    }

    private List<String> gtLabels() {
        return new ArrayList<>(gtCounts().keySet());
    }

    private static double mean(Map<String, Double> perClass) {
        return perClass.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    double ap(String label, double iouThreshold) {
        record Scored(int image, Detection d) {}
        List<Scored> ranked = new ArrayList<>();
        int gtTotal = 0;
        List<boolean[]> taken = new ArrayList<>();
        for (int i = 0; i < truths.size(); i++) {
            List<Detection> gt = truths.get(i).stream().filter(d -> d.label().equals(label)).toList();
            gtTotal += gt.size();
            taken.add(new boolean[gt.size()]);
            final int image = i;
            candidates.get(i).stream().filter(d -> d.label().equals(label)).forEach(d -> ranked.add(new Scored(image, d)));
        }
        ranked.sort(Comparator.comparingDouble((Scored s) -> s.d().score()).reversed());
        double[] precision = new double[ranked.size()];
        double[] recall = new double[ranked.size()];
        int tp = 0;
        for (int k = 0; k < ranked.size(); k++) {
            Scored s = ranked.get(k);
            List<Detection> gt = truths.get(s.image()).stream().filter(d -> d.label().equals(label)).toList();
            int best = bestMatch(s.d(), gt, taken.get(s.image()), iouThreshold);
            if (best >= 0) {
                taken.get(s.image())[best] = true;
                tp++;
            }
            precision[k] = tp / (double) (k + 1);
            recall[k] = gtTotal == 0 ? 0 : tp / (double) gtTotal;
        }
        return interpolated(precision, recall);
    }

    private static int bestMatch(Detection d, List<Detection> gt, boolean[] taken, double threshold) {
        int best = -1;
        double bestIou = threshold;
        for (int g = 0; g < gt.size(); g++) {
            double iou = Nms.iou(d, gt.get(g));
            if (!taken[g] && iou >= bestIou) {
                best = g;
                bestIou = iou;
            }
        }
        return best;
    }

    /** COCO's 101 recall points, precision made monotone from the right. */
    static double interpolated(double[] precision, double[] recall) {
        double[] p = precision.clone();
        for (int k = p.length - 2; k >= 0; k--) {
            p[k] = Math.max(p[k], p[k + 1]);
        }
        double sum = 0;
        int k = 0;
        for (int r = 0; r <= 100; r++) {
            double target = r / 100.0;
            while (k < recall.length && recall[k] < target - 1e-12) {
                k++;
            }
            sum += k < p.length ? p[k] : 0;
        }
        return sum / 101;
    }
}
