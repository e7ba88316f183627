package io.edgewatch.detect;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The output layouts edgewatch can decode, with each family's own input conventions (what its exporter or
 * reference demo feeds the network). Layout (NCHW/NHWC) and element type come from the model itself.
 */
public enum ModelFormat {
    /** NanoDet-m GFL heads: per stride scores [1,N,C] + distance bins [1,N,44]; stretch, BGR, mean/std. */
    NANODET(Resize.STRETCH, false, new float[] {103.53f, 116.28f, 123.675f}, new float[] {57.375f, 57.12f, 58.395f}),
    /** Ultralytics v8/v11: [1,4+C,N], cx/cy/w/h in input pixels, class scores, no objectness. */
    YOLOV8(Resize.LETTERBOX, true, new float[] {0, 0, 0}, new float[] {255, 255, 255}),
    /** Ultralytics v5: [1,N,5+C], cx/cy/w/h in input pixels, objectness x class score. */
    YOLOV5(Resize.LETTERBOX, true, new float[] {0, 0, 0}, new float[] {255, 255, 255}),
    /** Megvii YOLOX without decode in the graph: [1,N,5+C] grid offsets / log sizes per stride 8/16/32. */
    YOLOX(Resize.LETTERBOX_TOP_LEFT, false, new float[] {0, 0, 0}, new float[] {1, 1, 1}),
    /** Built-in post-processing: boxes [1,K,4] (ymin,xmin,ymax,xmax, 0..1), classes, scores, count. */
    SSD(Resize.STRETCH, true, new float[] {127.5f, 127.5f, 127.5f}, new float[] {127.5f, 127.5f, 127.5f});

    /** How a frame is fitted to the network input. */
    public enum Resize {
        /** Scale each axis independently (aspect ratio not kept). */
        STRETCH,
        /** Keep the aspect ratio, centre, pad with grey 114. */
        LETTERBOX,
        /** Keep the aspect ratio, image at the top-left, pad right/bottom with grey 114 (YOLOX). */
        LETTERBOX_TOP_LEFT
    }

    private final Resize resize;
    private final boolean rgb;
    private final float[] mean;
    private final float[] std;

    ModelFormat(Resize resize, boolean rgb, float[] mean, float[] std) {
        this.resize = resize;
        this.rgb = rgb;
        this.mean = mean;
        this.std = std;
    }

    public Resize resize() { return resize; }

    /** True when the network wants RGB channel order (frames arrive BGR). */
    public boolean rgb() { return rgb; }

    /** Per-channel mean in the network's channel order, applied to float inputs: (v - mean) / std. */
    public float[] mean() { return mean.clone(); }

    public float[] std() { return std.clone(); }

    /** Config spelling, e.g. {@code yolov8}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every accepted {@code model.format} value, {@code auto} first. */
    public static String choices() {
        return "auto, " + Arrays.stream(values()).map(ModelFormat::key).collect(Collectors.joining(", "));
    }

    /** Parses a config value; {@code auto} gives null (detect from the graph). */
    public static ModelFormat parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto")) {
            return null;
        }
        for (ModelFormat f : values()) {
            if (f.key().equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown model format '" + value + "', expected one of " + choices());
    }
}
