package io.edgewatch.config;

import java.util.List;

/**
 * A named polygon of one camera, normalised coordinates (0..1, origin top-left).
 *
 * @param name   zone name ([a-z0-9_-], unique per camera), carried in events
 * @param points at least 3 points, each [x, y]
 */
public record ZoneConfig(String name, List<Point> points) {
    public ZoneConfig {
        points = List.copyOf(points);
    }

    /** One polygon corner. */
    public record Point(double x, double y) {}
}
