package io.edgewatch.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy per-class non-maximum suppression: boxes are visited by descending score and a box is dropped
 * when it overlaps an already kept box of the same class by more than the IoU threshold. Boxes of
 * different classes never suppress each other (a person on a bicycle keeps both).
 */
public final class Nms {
    private static final Comparator<Detection> BY_SCORE_DESC =
            Comparator.comparingDouble(Detection::score).reversed();

    private final float iouThreshold;
    private final int maxDetections;

    public Nms(double iouThreshold, int maxDetections) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("nmsIou must be in (0,1]: " + iouThreshold);
        }
        if (maxDetections <= 0) {
            throw new IllegalArgumentException("maxDetections must be positive: " + maxDetections);
        }
        this.iouThreshold = (float) iouThreshold;
        this.maxDetections = maxDetections;
    }

    /** Kept boxes, highest score first, at most {@code maxDetections}. The input list is not modified. */
    public List<Detection> apply(List<Detection> candidates) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(BY_SCORE_DESC);
        List<Detection> kept = new ArrayList<>(Math.min(sorted.size(), maxDetections));
        for (Detection d : sorted) {
            if (kept.size() == maxDetections) {
                break;
            }
            if (!suppressed(d, kept)) {
                kept.add(d);
            }
        }
        return kept;
    }

    private boolean suppressed(Detection d, List<Detection> kept) {
        for (Detection k : kept) {
            if (k.classId() == d.classId() && iou(k, d) > iouThreshold) {
                return true;
            }
        }
        return false;
    }

    /** Intersection over union of two boxes; 0 when either is empty. */
    public static float iou(Detection a, Detection b) {
        float iw = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        float ih = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (iw <= 0 || ih <= 0) {
            return 0f;
        }
        float inter = iw * ih;
        float union = a.area() + b.area() - inter;
        return union > 0 ? inter / union : 0f;
    }
}
