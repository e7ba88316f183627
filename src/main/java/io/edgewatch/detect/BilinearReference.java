package io.edgewatch.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Java reference for {@link ImagePreprocessor}: the same fit (stretch or letterbox, grey
 * {@link ImagePreprocessor#PAD} padding), bilinear sampling with pixel centres aligned (OpenCV's INTER_LINEAR
 * convention) computed in float, channel order, layout and normalisation of a {@link ImagePreprocessor.Spec}.
 * Slower than the native path the daemon uses; kept to prove that path equivalent (tests) and to compare speed
 * (JMH). Scratch arrays are allocated once; sampling tables are rebuilt only when the frame size changes.
 * Not thread-safe.
 */
final class BilinearReference {
    private final ImagePreprocessor.Spec spec;
    private final float[] floats;
    private final byte[] bytes;
    private final float[] padValue = new float[3];
    private int[] x0;
    private int[] x1;
    private float[] wx;
    private int[] y0;
    private int[] y1;
    private float[] wy;
    private FrameMapping mapping;
    private int tableWidth = -1;
    private int tableHeight = -1;

    BilinearReference(ImagePreprocessor.Spec spec) {
        int n = 3 * spec.width() * spec.height();
        this.spec = spec;
        this.floats = spec.uint8() ? null : new float[n];
        this.bytes = spec.uint8() ? new byte[n] : null;
        for (int ch = 0; ch < 3; ch++) {
            padValue[ch] = spec.uint8() ? ImagePreprocessor.PAD
                    : (ImagePreprocessor.PAD - spec.mean()[ch]) / spec.std()[ch];
        }
    }

    /** Resizes and normalises a packed BGR24 picture into {@code target}; returns how boxes map back. */
    FrameMapping fill(byte[] bgr, int width, int height, ByteBuffer target) {
        if (width != tableWidth || height != tableHeight) {
            buildTables(width, height);
        }
        int cw = x0.length;
        int ch = y0.length;
        int px = (int) mapping.padX();
        int py = (int) mapping.padY();
        for (int y = 0; y < spec.height(); y++) {
            int sy = y - py;
            for (int x = 0; x < spec.width(); x++) {
                int sx = x - px;
                if (sy < 0 || sy >= ch || sx < 0 || sx >= cw) {
                    for (int c = 0; c < 3; c++) {
                        store(y, x, c, padValue[c]);
                    }
                } else {
                    sample(bgr, sx, sy, y, x);
                }
            }
        }
        flush(target);
        return mapping;
    }

    private void sample(byte[] bgr, int sx, int sy, int y, int x) {
        int r0 = y0[sy];
        int r1 = y1[sy];
        int a = x0[sx];
        int b = x1[sx];
        float fx = wx[sx];
        float fy = wy[sy];
        for (int c = 0; c < 3; c++) {
            float top = (bgr[r0 + a + c] & 0xff) * (1f - fx) + (bgr[r0 + b + c] & 0xff) * fx;
            float bottom = (bgr[r1 + a + c] & 0xff) * (1f - fx) + (bgr[r1 + b + c] & 0xff) * fx;
            float v = top * (1f - fy) + bottom * fy;
            int out = spec.rgb() ? 2 - c : c;
            store(y, x, out, spec.uint8() ? v : (v - spec.mean()[out]) / spec.std()[out]);
        }
    }

    private void store(int y, int x, int channel, float v) {
        int w = spec.width();
        int idx = spec.nhwc() ? (y * w + x) * 3 + channel : channel * w * spec.height() + y * w + x;
        if (bytes != null) {
            bytes[idx] = (byte) Math.min(255, Math.max(0, Math.round(v)));
        } else {
            floats[idx] = v;
        }
    }

    private void flush(ByteBuffer target) {
        ByteBuffer t = target.duplicate().order(ByteOrder.nativeOrder()).clear();
        if (bytes != null) {
            t.put(bytes);
        } else {
            t.asFloatBuffer().put(floats);
        }
    }

    private void buildTables(int width, int height) {
        mapping = FrameMapping.of(spec.resize(), width, height, spec.width(), spec.height());
        int cw = Math.min(spec.width(), mapping.contentWidth());
        int ch = Math.min(spec.height(), mapping.contentHeight());
        x0 = new int[cw];
        x1 = new int[cw];
        wx = new float[cw];
        y0 = new int[ch];
        y1 = new int[ch];
        wy = new float[ch];
        table(width, cw, x0, x1, wx, 3);
        table(height, ch, y0, y1, wy, width * 3);
        tableWidth = width;
        tableHeight = height;
    }

    /** For each output index: the two source offsets (times {@code scale} bytes) and the second's weight. */
    private static void table(int src, int dst, int[] i0, int[] i1, float[] w, int scale) {
        float ratio = (float) src / dst;
        for (int o = 0; o < dst; o++) {
            float pos = Math.max(0f, (o + 0.5f) * ratio - 0.5f);
            int lo = Math.min((int) pos, src - 1);
            int hi = Math.min(lo + 1, src - 1);
            i0[o] = lo * scale;
            i1[o] = hi * scale;
            w[o] = pos - lo;
        }
    }
}
