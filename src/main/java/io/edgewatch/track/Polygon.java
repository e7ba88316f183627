package io.edgewatch.track;

import java.util.List;

/** A simple polygon in normalised frame coordinates (0..1, origin top-left), at least 3 points. Immutable. */
public final class Polygon {
    private final double[] xs;
    private final double[] ys;

    /** @param points [x, y] pairs */
    public Polygon(List<double[]> points) {
        if (points == null || points.size() < 3) {
            throw new IllegalArgumentException("polygon must have at least 3 points");
        }
        xs = new double[points.size()];
        ys = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            double[] p = points.get(i);
            if (p.length != 2 || !(p[0] >= 0 && p[0] <= 1 && p[1] >= 0 && p[1] <= 1)) {
                throw new IllegalArgumentException("polygon point " + i + " must be [x, y] within 0..1");
            }
            xs[i] = p[0];
            ys[i] = p[1];
        }
    }

    /** Even-odd rule (ray casting); points exactly on an edge may fall either way. */
    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                inside = !inside;
            }
        }
        return inside;
    }
}
