package io.edgewatch.track;

import io.edgewatch.detect.Detection;
import java.util.Objects;

/**
 * A named area of one camera's view. An object is in the zone when its reference point, the bottom centre of its
 * box (where a person or car touches the ground), is inside the polygon; the same point decides masks.
 */
public record Zone(String name, Polygon polygon) {
    public Zone {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("zone name must not be blank");
        }
        Objects.requireNonNull(polygon, "zone polygon must not be null");
    }

    public boolean contains(Detection d) {
        return polygon.contains(anchorX(d), anchorY(d));
    }

    /** Bottom centre of the box. */
    public static double anchorX(Detection d) {
        return (d.x1() + d.x2()) / 2;
    }

    public static double anchorY(Detection d) {
        return Math.max(d.y1(), d.y2());
    }
}
