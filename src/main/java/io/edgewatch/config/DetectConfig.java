package io.edgewatch.config;

import java.util.List;
import java.util.Map;

/**
 * @param minScore      default minimum score (0..1) for a detection to become an event
 * @param labelMinScore per-label override of minScore, keys are COCO label names
 * @param labels        labels that produce events; empty means all 80 COCO labels
 * @param nmsIou        IoU above which the lower-scored box of the same class is suppressed (0..1)
 */
public record DetectConfig(double minScore, Map<String, Double> labelMinScore, List<String> labels, double nmsIou) {
    public DetectConfig {
        labelMinScore = Map.copyOf(labelMinScore);
        labels = List.copyOf(labels);
    }

    public double minScoreFor(String label) {
        return labelMinScore.getOrDefault(label, minScore);
    }

    public boolean wants(String label) {
        return labels.isEmpty() || labels.contains(label);
    }
}
