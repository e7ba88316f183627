package io.edgewatch.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Packed BGR24 frame to a network input, in OpenCV (native, vectorised): the frame is copied once into a
 * reused Mat, resized (INTER_LINEAR, pixel centres aligned) into the fitted region of a reused canvas of the
 * input size — the whole canvas for a stretch, a centred or top-left region on grey {@link #PAD} for a
 * letterbox — and {@link TensorWriter} turns the canvas into BGR or RGB, NCHW or NHWC, float
 * {@code (v - mean) / std} or raw uint8, straight into the direct buffer the runtime reads (for TFLite the
 * interpreter's own tensor memory).
 *
 * <p>{@link BilinearReference} is the Java reference for every spec ({@link #fillReference}). OpenCV resizes
 * in 8-bit fixed point, so the two differ by at most {@link #MAX_GREY_LEVELS} grey level per value (in float
 * inputs: that over the channel's std). Native buffers are reused; the source Mat and the fitted region are
 * rebuilt only when the frame size changes. Not thread-safe.
 */
public final class ImagePreprocessor implements AutoCloseable {
    static final int PAD = 114;
    /** Largest difference from the Java reference, in 0..255 grey levels before normalisation. */
    public static final float MAX_GREY_LEVELS = 1.0f;

    /** What the network wants. {@code uint8} inputs get raw 0..255 values and ignore mean/std. */
    public record Spec(int width, int height, boolean nhwc, boolean rgb, ModelFormat.Resize resize,
                       float[] mean, float[] std, boolean uint8) {
        public Spec {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("input size must be positive: " + width + "x" + height);
            }
        }

        /** The input conventions of {@code format} for a {@code width x height} input of the given layout. */
        public static Spec of(ModelFormat format, int width, int height, boolean nhwc, boolean uint8) {
            return new Spec(width, height, nhwc, format.rgb(), format.resize(), format.mean(), format.std(), uint8);
        }

        int bytes() {
            return 3 * width * height * (uint8 ? 1 : Float.BYTES);
        }

        @Override
        public String toString() {
            return "Spec[" + width + "x" + height + (nhwc ? " NHWC" : " NCHW") + (rgb ? " RGB " : " BGR ") + resize
                    + (uint8 ? " uint8" : " mean " + Arrays.toString(mean) + " std " + Arrays.toString(std)) + "]";
        }
    }

    private final Spec spec;
    private final ByteBuffer target;
    private final BilinearReference reference;
    private final TensorWriter writer;
    private final Mat canvas;
    private Mat source = new Mat();
    private BytePointer sourceData; // cached: Mat.data() makes a new Java wrapper on every call
    private Mat content;
    private Size contentSize;
    private FrameMapping mapping;

    public ImagePreprocessor(Spec spec, ByteBuffer target) {
        if (!target.isDirect() || target.capacity() < spec.bytes()) {
            throw new IllegalArgumentException("input buffer must be direct with " + spec.bytes() + " bytes");
        }
        this.spec = spec;
        this.target = target.order(ByteOrder.nativeOrder());
        this.reference = new BilinearReference(spec);
        this.canvas = new Mat(spec.height(), spec.width(), opencv_core.CV_8UC3);
        this.writer = new TensorWriter(spec, target);
    }

    /** Direct buffer of the right size for {@code spec}, native order. */
    public static ByteBuffer allocate(Spec spec) {
        return ByteBuffer.allocateDirect(spec.bytes()).order(ByteOrder.nativeOrder());
    }

    public Spec spec() { return spec; }

    /** Resizes and normalises the frame into the target buffer; returns how boxes map back. */
    public FrameMapping fill(byte[] bgr, int width, int height) {
        check(bgr, width, height);
        if (source.rows() != height || source.cols() != width) {
            fitTo(width, height);
        }
        sourceData.put(bgr, 0, width * height * 3);
        opencv_imgproc.resize(source, content, contentSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        writer.write(canvas);
        return mapping;
    }

    /** The Java reference path into the same buffer (tests and benchmarks compare the two). */
    public FrameMapping fillReference(byte[] bgr, int width, int height) {
        check(bgr, width, height);
        return reference.fill(bgr, width, height, target);
    }

    /** New frame size: a new source Mat, and the canvas region the frame is resized into (the rest is pad). */
    private void fitTo(int width, int height) {
        source.close();
        source = new Mat(height, width, opencv_core.CV_8UC3);
        sourceData = source.data();
        mapping = FrameMapping.of(spec.resize(), width, height, spec.width(), spec.height());
        int cw = Math.min(spec.width(), mapping.contentWidth());
        int ch = Math.min(spec.height(), mapping.contentHeight());
        try (Scalar grey = new Scalar(PAD, PAD, PAD, 0)) {
            canvas.put(grey);
        }
        if (content != null) {
            content.close();
            contentSize.close();
        }
        try (Rect region = new Rect((int) mapping.padX(), (int) mapping.padY(), cw, ch)) {
            content = new Mat(canvas, region);
        }
        contentSize = new Size(cw, ch);
    }

    private static void check(byte[] bgr, int width, int height) {
        if (width <= 0 || height <= 0 || bgr.length < width * height * 3) {
            throw new IllegalArgumentException("bad frame " + width + "x" + height + " (" + bgr.length + " bytes)");
        }
    }

    /** Frees the native buffers now instead of when the garbage collector finds them. */
    @Override
    public void close() {
        writer.close();
        source.close();
        canvas.close();
        if (content != null) {
            content.close();
            contentSize.close();
        }
    }

    @Override
    public String toString() {
        return "ImagePreprocessor" + spec;
    }
}
