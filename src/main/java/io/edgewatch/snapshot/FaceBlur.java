package io.edgewatch.snapshot;

import java.util.List;

/**
 * Pixelates every face BlazeFace finds, then checks its own work: the image is searched again and any face still
 * found above the threshold is pixelated with coarser blocks, and after {@link #ROUNDS} rounds painted over. So an
 * image that leaves {@link #anonymize} has no face the detector finds above the threshold.
 */
public final class FaceBlur {
    static final int ROUNDS = 3;
    /** Box grown by this fraction on each side: BlazeFace boxes are tight, hair and ears identify too. */
    private static final double MARGIN = 0.25;

    private final BlazeFace detector;
    private final float threshold;

    public FaceBlur(BlazeFace detector, float threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0,1): " + threshold);
        }
        this.detector = detector;
        this.threshold = threshold;
    }

    /** Blurs faces in place. @return faces blurred in the first round */
    public int anonymize(BgrImage image) {
        int first = -1;
        for (int round = 0; round <= ROUNDS; round++) {
            List<BlazeFace.Face> faces = detector.detect(image, threshold);
            if (first < 0) {
                first = faces.size();
            }
            if (faces.isEmpty()) {
                return first;
            }
            for (BlazeFace.Face f : faces) {
                if (round == ROUNDS) {
                    fill(image, f);
                } else {
                    pixelate(image, f, 4 >> round);
                }
            }
        }
        return first;
    }

    /** Averages blocks so that about {@code blocksAcross} blocks cover the face width (at least 1). */
    private static void pixelate(BgrImage img, BlazeFace.Face f, int blocksAcross) {
        int[] r = rect(img, f);
        int block = Math.max(2, (r[2] - r[0]) / Math.max(1, blocksAcross));
        for (int by = r[1]; by < r[3]; by += block) {
            for (int bx = r[0]; bx < r[2]; bx += block) {
                average(img, bx, by, Math.min(r[2], bx + block), Math.min(r[3], by + block));
            }
        }
    }

    private static void fill(BgrImage img, BlazeFace.Face f) {
        int[] r = rect(img, f);
        for (int y = r[1]; y < r[3]; y++) {
            java.util.Arrays.fill(img.bgr(), (y * img.width() + r[0]) * 3, (y * img.width() + r[2]) * 3, (byte) 0);
        }
    }

    private static void average(BgrImage img, int x0, int y0, int x1, int y1) {
        long[] sum = new long[3];
        int n = (x1 - x0) * (y1 - y0);
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                for (int c = 0; c < 3; c++) {
                    sum[c] += img.at(x, y, c);
                }
            }
        }
        byte[] px = img.bgr();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                for (int c = 0; c < 3; c++) {
                    px[(y * img.width() + x) * 3 + c] = (byte) (sum[c] / n);
                }
            }
        }
    }

    /** Face box grown by the margin, in pixels, clamped: x0, y0, x1, y1. */
    private static int[] rect(BgrImage img, BlazeFace.Face f) {
        double w = f.x2() - f.x1();
        double h = f.y2() - f.y1();
        int x0 = clamp((int) Math.floor((f.x1() - MARGIN * w) * img.width()), img.width());
        int y0 = clamp((int) Math.floor((f.y1() - MARGIN * h) * img.height()), img.height());
        int x1 = clamp((int) Math.ceil((f.x2() + MARGIN * w) * img.width()), img.width());
        int y1 = clamp((int) Math.ceil((f.y2() + MARGIN * h) * img.height()), img.height());
        return new int[] {x0, y0, Math.max(x0 + 1, x1), Math.max(y0 + 1, y1)};
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max - 1, v));
    }
}
