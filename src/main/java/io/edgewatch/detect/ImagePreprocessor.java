package io.edgewatch.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Packed BGR24 frame to a network input: stretch or letterbox (grey 114 padding), bilinear sampling with
 * pixel centres aligned (OpenCV INTER_LINEAR), BGR or RGB, NCHW or NHWC, float {@code (v - mean) / std} or
 * raw uint8. Scratch arrays are allocated once; sampling tables are rebuilt only when the frame size
 * changes. Writes into a direct buffer the runtime reads (for TFLite: the interpreter's own tensor memory).
 * Not thread-safe.
 */
public final class ImagePreprocessor {
    static final int PAD = 114;

    /** What the network wants. {@code uint8} inputs get raw 0..255 values and ignore mean/std. */
    public record Spec(int width, int height, boolean nhwc, boolean rgb, ModelFormat.Resize resize,
                       float[] mean, float[] std, boolean uint8) {
        public Spec {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("input size must be positive: " + width + "x" + height);
            }
        }
    }

    private final Spec spec;
    private final ByteBuffer target;
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

    public ImagePreprocessor(Spec spec, ByteBuffer target) {
        int n = 3 * spec.width() * spec.height();
        int need = n * (spec.uint8() ? 1 : Float.BYTES);
        if (!target.isDirect() || target.capacity() < need) {
            throw new IllegalArgumentException("input buffer must be direct with " + need + " bytes");
        }
        this.spec = spec;
        this.target = target.order(ByteOrder.nativeOrder());
        this.floats = spec.uint8() ? null : new float[n];
        this.bytes = spec.uint8() ? new byte[n] : null;
        for (int ch = 0; ch < 3; ch++) {
            padValue[ch] = spec.uint8() ? PAD : (PAD - spec.mean()[ch]) / spec.std()[ch];
        }
    }

    /** Direct buffer of the right size for {@code spec}, native order. */
    public static ByteBuffer allocate(Spec spec) {
        int n = 3 * spec.width() * spec.height() * (spec.uint8() ? 1 : Float.BYTES);
        return ByteBuffer.allocateDirect(n).order(ByteOrder.nativeOrder());
    }

    public Spec spec() { return spec; }

    /** Resizes and normalises the frame into the target buffer; returns how boxes map back. */
    public FrameMapping fill(byte[] bgr, int width, int height) {
        if (width <= 0 || height <= 0 || bgr.length < width * height * 3) {
            throw new IllegalArgumentException("bad frame " + width + "x" + height + " (" + bgr.length + " bytes)");
        }
        if (width != tableWidth || height != tableHeight) {
            buildTables(width, height);
        }
        int cw = mapping.contentWidth();
        int ch = mapping.contentHeight();
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
        flush();
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

    private void flush() {
        target.clear();
        if (bytes != null) {
            target.put(bytes);
        } else {
            FloatBuffer f = target.asFloatBuffer();
            f.put(floats);
        }
        target.clear();
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

    @Override
    public String toString() {
        return "ImagePreprocessor" + spec + " mean " + Arrays.toString(spec.mean());
    }
}
