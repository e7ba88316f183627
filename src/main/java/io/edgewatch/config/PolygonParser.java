package io.edgewatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Parses {@code cameras[].zones} and {@code cameras[].masks}: polygons of [x, y] points in 0..1. */
final class PolygonParser {
    static final String POINTS_RULE = "must be a list of at least 3 [x, y] points with 0 <= x, y <= 1";

    private PolygonParser() {}

    static List<ZoneConfig> zones(ConfigSection s) {
        List<ZoneConfig> out = new ArrayList<>();
        JsonNode list = s.raw("zones");
        if (!s.has("zones")) {
            return out;
        }
        if (!list.isArray()) {
            s.fail("zones", "must be a list of {name, points}");
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode z = list.get(i);
            String at = "zones[" + i + "]";
            JsonNode name = z.get("name");
            if (!z.isObject() || name == null || !name.isTextual() || z.size() != 2 || !z.has("points")) {
                s.failEach("zones", at, z, "must be a mapping with exactly name and points");
                continue;
            }
            if (!Names.valid(name.textValue())) {
                s.failEach("zones", at + ".name", name, Names.RULE);
            } else if (!names.add(name.textValue())) {
                s.failEach("zones", at + ".name", name, "duplicate zone name");
            }
            List<ZoneConfig.Point> points = points(s, "zones", at + ".points", z.get("points"));
            if (points != null) {
                out.add(new ZoneConfig(name.textValue(), points));
            }
        }
        return out;
    }

    static List<List<ZoneConfig.Point>> masks(ConfigSection s) {
        List<List<ZoneConfig.Point>> out = new ArrayList<>();
        JsonNode list = s.raw("masks");
        if (!s.has("masks")) {
            return out;
        }
        if (!list.isArray()) {
            s.fail("masks", "must be a list of polygons, e.g. [[[0, 0], [0.2, 0], [0.2, 0.3]]]");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            List<ZoneConfig.Point> points = points(s, "masks", "masks[" + i + "]", list.get(i));
            if (points != null) {
                out.add(points);
            }
        }
        return out;
    }

    private static List<ZoneConfig.Point> points(ConfigSection s, String key, String at, JsonNode n) {
        if (n == null || !n.isArray() || n.size() < 3) {
            s.failEach(key, at, n, POINTS_RULE);
            return null;
        }
        List<ZoneConfig.Point> out = new ArrayList<>();
        for (JsonNode p : n) {
            if (!p.isArray() || p.size() != 2 || !p.get(0).isNumber() || !p.get(1).isNumber()
                    || !unit(p.get(0).asDouble()) || !unit(p.get(1).asDouble())) {
                s.failEach(key, at, n, POINTS_RULE);
                return null;
            }
            out.add(new ZoneConfig.Point(p.get(0).asDouble(), p.get(1).asDouble()));
        }
        return out;
    }

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }
}
