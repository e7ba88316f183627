package io.edgewatch.schedule;

/**
 * Weighted max-min fair split of a capacity (detections per second) between cameras: a camera that asks for
 * less than its weighted share gets what it asks for, and what it leaves is split among the others in
 * proportion to their weights (water-filling); O(n²), fine for the handful of cameras a box has.
 */
final class FairShare {
    private FairShare() {}

    /**
     * @param demand   requested rate per camera (>= 0)
     * @param weight   weight per camera (> 0)
     * @param capacity total rate available (>= 0, may be infinite)
     * @param out      receives each camera's allocation; sums to min(capacity, sum of demands)
     */
    static void allocate(double[] demand, double[] weight, double capacity, double[] out) {
        int n = demand.length;
        if (weight.length != n || out.length != n) {
            throw new IllegalArgumentException("demand, weight and out must have the same length");
        }
        boolean[] frozen = new boolean[n];
        double left = capacity;
        double weights = 0;
        for (int i = 0; i < n; i++) {
            weights += weight[i];
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            double level = weights > 0 ? left / weights : 0; // rate per unit of weight
            for (int i = 0; i < n; i++) {
                if (!frozen[i] && demand[i] <= weight[i] * level) {
                    out[i] = demand[i];
                    frozen[i] = true;
                    left -= demand[i];
                    weights -= weight[i];
                    changed = true;
                }
            }
        }
        double level = weights > 0 ? Math.max(0, left) / weights : 0;
        for (int i = 0; i < n; i++) {
            if (!frozen[i]) {
                out[i] = weight[i] * level;
            }
        }
    }
}
