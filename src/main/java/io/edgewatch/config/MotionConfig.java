package io.edgewatch.config;

import java.util.List;

/**
 * Per-camera motion gate: frames without motion are not detected, except one every {@code refreshSeconds}.
 *
 * @param enabled        gate on or off
 * @param threshold      grey-level difference (0..255) for a pixel to count as changed
 * @param minArea        fraction (0..1) of the unmasked picture that must change to count as motion
 * @param refreshSeconds without motion, detect anyway this often (so parked objects stay tracked)
 * @param masks          polygons excluded from motion (trees, clocks, a busy road), each as flattened normalised
 *                       x,y pairs (x1, y1, x2, y2, ...), at least three points
 */
public record MotionConfig(boolean enabled, double threshold, double minArea, double refreshSeconds,
                           List<List<Double>> masks) {
    public MotionConfig {
        masks = masks.stream().map(List::copyOf).toList();
        if (!(threshold >= 0 && threshold <= 255)) {
            throw new IllegalArgumentException("threshold must be in [0, 255]: " + threshold);
        }
        if (!(minArea >= 0 && minArea <= 1)) {
            throw new IllegalArgumentException("minArea must be in [0, 1]: " + minArea);
        }
        if (!(refreshSeconds > 0)) {
            throw new IllegalArgumentException("refreshSeconds must be positive: " + refreshSeconds);
        }
        for (List<Double> m : masks) {
            if (m.size() < 6 || m.size() % 2 != 0) {
                throw new IllegalArgumentException("a mask needs at least 3 x,y points: " + m);
            }
        }
    }

    public static MotionConfig disabled() {
        return new MotionConfig(false, 25, 0.005, 10, List.of());
    }
}
