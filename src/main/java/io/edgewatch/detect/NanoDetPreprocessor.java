package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Packed BGR24 frame to NanoDet's input: NCHW [1,3,S,S] float, BGR channel order,
 * {@code (v - mean) / std} with mean (103.53, 116.28, 123.675) and std (57.375, 57.12, 58.395).
 *
 * <p>Resize is a plain stretch to S x S (what NanoDet's own demo does) with bilinear sampling, pixel
 * centres aligned (OpenCV's INTER_LINEAR convention). Stretching keeps box maths trivial: a box normalised
 * to the network input is normalised to the frame too. All buffers are allocated once; the sampling tables
 * are rebuilt only when the frame size changes. Not thread-safe.
 */
public final class NanoDetPreprocessor {
    static final float[] MEAN = {103.53f, 116.28f, 123.675f};
    static final float[] STD = {57.375f, 57.12f, 58.395f};

    private final int size;
    private final FloatBuffer input;
    private final float[] planes;
    private final int[] xOffset0;
    private final int[] xOffset1;
    private final float[] xWeight;
    private final int[] yRow0;
    private final int[] yRow1;
    private final float[] yWeight;
    private int tableWidth = -1;
    private int tableHeight = -1;

    public NanoDetPreprocessor(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("inputSize must be positive: " + size);
        }
        this.size = size;
        int n = 3 * size * size;
        this.input = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        this.planes = new float[n];
        this.xOffset0 = new int[size];
        this.xOffset1 = new int[size];
        this.xWeight = new float[size];
        this.yRow0 = new int[size];
        this.yRow1 = new int[size];
        this.yWeight = new float[size];
    }

    public int size() { return size; }

    /** The direct, native-order input buffer (position 0, limit 3*S*S), refilled by {@link #fill}. */
    public FloatBuffer buffer() { return input; }

    public long[] shape() { return new long[] {1, 3, size, size}; }

    /** Resizes and normalises {@code frame} into {@link #buffer()}. */
    public FloatBuffer fill(VideoFrame frame) {
        return fill(frame.bgr(), frame.width(), frame.height());
    }

    public FloatBuffer fill(byte[] bgr, int width, int height) {
        if (width <= 0 || height <= 0 || bgr.length < width * height * 3) {
            throw new IllegalArgumentException("bad frame " + width + "x" + height + " (" + bgr.length + " bytes)");
        }
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
        input.clear();
        input.put(planes);
        input.flip();
        return input;
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
                planes[ch * plane + out] = (v - MEAN[ch]) / STD[ch];
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
