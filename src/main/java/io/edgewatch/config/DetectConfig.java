package io.edgewatch.config;

import java.util.List;
import java.util.Map;

/**
 * @param minScore      default minimum score (0..1) for a detection to become an event
 * @param labelMinScore per-label override of minScore, keys are COCO label names
 * @param labels        labels that produce events; empty means all 80 COCO labels
 * @param nmsIou        IoU above which the lower-scored box of the same class is suppressed (0..1)
 * @param labelMinArea  per-label minimum box area as a fraction of the frame (0..1); smaller boxes are ignored
 */
public record DetectConfig(double minScore, Map<String, Double> labelMinScore, List<String> labels, double nmsIou,
                           Map<String, Double> labelMinArea) {
    public DetectConfig {
        labelMinScore = Map.copyOf(labelMinScore);
        labels = List.copyOf(labels);
        labelMinArea = Map.copyOf(labelMinArea);
    }

    /** Without minimum areas. */
    public DetectConfig(double minScore, Map<String, Double> labelMinScore, List<String> labels, double nmsIou) {
        this(minScore, labelMinScore, labels, nmsIou, Map.of());
    }

    /** Minimum box area (fraction of the frame) for the label, 0 if none is configured. */
    public double minAreaFor(String label) {
        return labelMinArea.getOrDefault(label, 0.0);
    }

    public double minScoreFor(String label) {
        return labelMinScore.getOrDefault(label, minScore);
    }

    public boolean wants(String label) {
        return labels.isEmpty() || labels.contains(label);
    }
}
