package io.edgewatch.config;

import java.util.ArrayList;
import java.util.List;

/** Maps and validates {@code cameras[].motion}; masks are written as "x1,y1 x2,y2 x3,y3 ..." in 0..1. */
final class MotionParser {
    private MotionParser() {}

    static MotionConfig motion(ConfigSection s) {
        MotionConfig d = MotionConfig.disabled();
        boolean enabled = s.bool("enabled", d.enabled());
        double threshold = s.decimal("threshold", d.threshold());
        double minArea = s.decimal("min_area", d.minArea());
        double refresh = s.decimal("refresh_seconds", d.refreshSeconds());
        List<String> texts = s.strings("masks");
        boolean thresholdOk = threshold >= 0 && threshold <= 255;
        boolean areaOk = minArea >= 0 && minArea <= 1;
        boolean refreshOk = refresh > 0 && refresh <= 86_400;
        s.check("threshold", thresholdOk, "must be between 0 and 255 (grey levels)");
        s.check("min_area", areaOk, "must be between 0 and 1 (fraction of the picture)");
        s.check("refresh_seconds", refreshOk, "must be positive and at most 86400");
        List<List<Double>> masks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            List<Double> polygon = polygon(texts.get(i));
            s.checkAt("masks", "masks[" + i + "]", texts.get(i), polygon != null,
                    "must be at least 3 points \"x,y x,y x,y\" with x and y between 0 and 1");
            if (polygon != null) {
                masks.add(polygon);
            }
        }
        return new MotionConfig(enabled, thresholdOk ? threshold : d.threshold(), areaOk ? minArea : d.minArea(),
                refreshOk ? refresh : d.refreshSeconds(), masks);
    }

    /** Flattened x,y list, or null when the text is not a polygon of normalised points. */
    static List<Double> polygon(String text) {
        String[] points = text.trim().split("\\s+");
        if (points.length < 3) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        for (String p : points) {
            String[] xy = p.split(",");
            if (xy.length != 2) {
                return null;
            }
            for (String v : xy) {
                try {
                    double d = Double.parseDouble(v);
                    if (!(d >= 0 && d <= 1)) {
                        return null;
                    }
                    out.add(d);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return out;
    }
}
