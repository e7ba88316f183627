package io.edgewatch.detect;

import java.nio.FloatBuffer;

/**
 * The Java reference for {@link NanoDetPreprocessor}: bilinear stretch to S x S with pixel centres aligned
 * (OpenCV's INTER_LINEAR convention) computed in float, BGR planes, {@code (v - mean) / std}. Slower than the
 * OpenCV path the daemon uses; kept to prove that path equivalent (tests) and to compare speed (JMH).
 * All buffers are allocated once; the sampling tables are rebuilt only when the frame size changes.
 * Not thread-safe.
 */
final class BilinearReference {
    private final int size;
    private final float[] planes;
    private final int[] xOffset0;
    private final int[] xOffset1;
    private final float[] xWeight;
    private final int[] yRow0;
    private final int[] yRow1;
    private final float[] yWeight;
    private int tableWidth = -1;
    private int tableHeight = -1;

    BilinearReference(int size) {
        this.size = size;
        this.planes = new float[3 * size * size];
        this.xOffset0 = new int[size];
        this.xOffset1 = new int[size];
        this.xWeight = new float[size];
        this.yRow0 = new int[size];
        this.yRow1 = new int[size];
        this.yWeight = new float[size];
    }

    /** Resizes and normalises a packed BGR24 picture into {@code out} (cleared, filled, flipped). */
    void fill(byte[] bgr, int width, int height, FloatBuffer out) {
        if (width != tableWidth || height != tableHeight) {
            buildTable(width, xOffset0, xOffset1, xWeight, 3);
            buildTable(height, yRow0, yRow1, yWeight, width * 3);
            tableWidth = width;
            tableHeight = height;
        }
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            sampleRow(bgr, yRow0[y], yRow1[y], yWeight[y], y * size, plane);
        }
        out.clear();
        out.put(planes);
        out.flip();
    }

    private void sampleRow(byte[] bgr, int row0, int row1, float wy, int outBase, int plane) {
        float wy0 = 1f - wy;
        for (int x = 0; x < size; x++) {
            int a = row0 + xOffset0[x];
            int b = row0 + xOffset1[x];
            int c = row1 + xOffset0[x];
            int d = row1 + xOffset1[x];
            float wx = xWeight[x];
            float wx0 = 1f - wx;
            int out = outBase + x;
            for (int ch = 0; ch < 3; ch++) {
                float top = (bgr[a + ch] & 0xff) * wx0 + (bgr[b + ch] & 0xff) * wx;
                float bottom = (bgr[c + ch] & 0xff) * wx0 + (bgr[d + ch] & 0xff) * wx;
                float v = top * wy0 + bottom * wy;
                planes[ch * plane + out] = (v - NanoDetPreprocessor.MEAN[ch]) / NanoDetPreprocessor.STD[ch];
            }
        }
    }

    /** For each output index: the two source indices (times {@code scale} bytes) and the weight of the second. */
    private void buildTable(int src, int[] i0, int[] i1, float[] w, int scale) {
        float ratio = (float) src / size;
        for (int o = 0; o < size; o++) {
            float pos = (o + 0.5f) * ratio - 0.5f;
            if (pos < 0f) {
                pos = 0f;
            }
            int lo = Math.min((int) pos, src - 1);
            int hi = Math.min(lo + 1, src - 1);
            i0[o] = lo * scale;
            i1[o] = hi * scale;
            w[o] = pos - lo;
        }
    }
}
