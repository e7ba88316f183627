package io.edgewatch.schedule;

import io.edgewatch.ingest.PixelFormat;
import io.edgewatch.ingest.VideoFrame;
import java.util.List;

/**
 * Frame differencing on a small grey copy: each BGR frame is box-averaged down to {@value #WIDTH} px wide
 * (which also smooths sensor noise), compared with the previous one pixel by pixel, and counts as motion when
 * the changed share of the unmasked area reaches {@code minArea}. Buffers are reused; they are only rebuilt
 * when the frame size changes. One instance per camera, used by the detect thread only.
 */
public final class MotionDetector {
    static final int WIDTH = 160;

    private final int threshold;
    private final double minArea;
    private final List<List<Double>> masks;
    private int srcW;
    private int srcH;
    private int w;
    private int h;
    private int step;
    private int[] colOf;
    private int[] rowOf;
    private int[] sums;
    private int[] samples;
    private int[] prev;
    private int[] cur;
    private boolean[] masked;
    private int unmasked;
    private boolean primed;
    private double lastChanged;

    /**
     * @param threshold grey-level difference (0..255) above which a pixel changed
     * @param minArea   changed share (0..1) of the unmasked area that counts as motion
     * @param masks     polygons ignored, flattened normalised x,y pairs
     */
    public MotionDetector(double threshold, double minArea, List<List<Double>> masks) {
        if (!(threshold >= 0 && threshold <= 255)) {
            throw new IllegalArgumentException("threshold must be in [0, 255]: " + threshold);
        }
        if (!(minArea >= 0 && minArea <= 1)) {
            throw new IllegalArgumentException("minArea must be in [0, 1]: " + minArea);
        }
        this.threshold = (int) Math.round(threshold);
        this.minArea = minArea;
        this.masks = List.copyOf(masks);
    }

    /** Takes the next frame; true when it differs enough from the previous one (the first frame counts). */
    public boolean update(VideoFrame frame) {
        if (frame.width() != srcW || frame.height() != srcH) {
            resize(frame.width(), frame.height());
        }
        if (frame.format() == PixelFormat.I420) {
            downscaleLuma(frame.pixels());
        } else {
            downscale(frame.bgr());
        }
        int[] t = prev;
        prev = cur;
        cur = t; // prev now holds this frame
        if (!primed) {
            primed = true;
            lastChanged = 1;
            return true;
        }
        int changed = 0;
        for (int i = 0; i < prev.length; i++) {
            if (!masked[i] && Math.abs(prev[i] - cur[i]) > threshold) {
                changed++;
            }
        }
        lastChanged = unmasked == 0 ? 0 : (double) changed / unmasked;
        return changed > 0 && lastChanged >= minArea;
    }

    /** Changed share of the unmasked area in the last {@link #update}. */
    public double lastChangedFraction() {
        return lastChanged;
    }

    /** Grey (BT.601 weights, 8-bit fixed point) box average into {@code cur}, sampling every step-th pixel. */
    private void downscale(byte[] bgr) {
        java.util.Arrays.fill(sums, 0);
        for (int y = 0; y < srcH; y += step) {
            int rowBase = rowOf[y] * w;
            int p = y * srcW * 3;
            for (int x = 0; x < srcW; x += step) {
                int q = p + x * 3;
                int grey = (29 * (bgr[q] & 0xff) + 150 * (bgr[q + 1] & 0xff) + 77 * (bgr[q + 2] & 0xff)) >> 8;
                sums[rowBase + colOf[x]] += grey;
            }
        }
        average();
    }

    /**
     * The same from an I420 frame's Y plane: luma is BT.601-weighted grey already, in limited range (16..235),
     * stretched to 0..255 so the threshold means the same grey levels as for a BGR frame.
     */
    private void downscaleLuma(byte[] i420) {
        java.util.Arrays.fill(sums, 0);
        for (int y = 0; y < srcH; y += step) {
            int rowBase = rowOf[y] * w;
            int p = y * srcW;
            for (int x = 0; x < srcW; x += step) {
                int grey = (((i420[p + x] & 0xff) - 16) * 298) >> 8;
                sums[rowBase + colOf[x]] += grey < 0 ? 0 : Math.min(grey, 255);
            }
        }
        average();
    }

    /** Each cell's sum of sampled grey levels over its sample count, into {@code cur}. */
    private void average() {
        for (int i = 0; i < cur.length; i++) {
            cur[i] = sums[i] / samples[i];
        }
    }

    private void resize(int width, int height) {
        srcW = width;
        srcH = height;
        w = Math.min(WIDTH, width);
        h = Math.max(1, (int) Math.round((double) height * w / width));
        // Two samples per output pixel and axis are enough for a smooth average and keep 1080p cheap.
        step = Math.max(1, width / (w * 2));
        colOf = new int[width];
        rowOf = new int[height];
        for (int x = 0; x < width; x++) {
            colOf[x] = Math.min(w - 1, (int) ((long) x * w / width));
        }
        for (int y = 0; y < height; y++) {
            rowOf[y] = Math.min(h - 1, (int) ((long) y * h / height));
        }
        sums = new int[w * h];
        samples = new int[w * h];
        for (int y = 0; y < height; y += step) {
            for (int x = 0; x < width; x += step) {
                samples[rowOf[y] * w + colOf[x]]++;
            }
        }
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.max(1, samples[i]);
        }
        prev = new int[w * h];
        cur = new int[w * h];
        rasteriseMasks();
        primed = false;
    }

    private void rasteriseMasks() {
        masked = new boolean[w * h];
        unmasked = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double px = (x + 0.5) / w;
                double py = (y + 0.5) / h;
                boolean in = masks.stream().anyMatch(m -> inside(m, px, py));
                masked[y * w + x] = in;
                unmasked += in ? 0 : 1;
            }
        }
    }

    /** Even-odd rule point-in-polygon. */
    static boolean inside(List<Double> poly, double px, double py) {
        boolean in = false;
        int n = poly.size() / 2;
        for (int i = 0, j = n - 1; i < n; j = i++) {
            double xi = poly.get(2 * i);
            double yi = poly.get(2 * i + 1);
            double xj = poly.get(2 * j);
            double yj = poly.get(2 * j + 1);
            if ((yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) {
                in = !in;
            }
        }
        return in;
    }
}
