package io.edgewatch.detect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import io.edgewatch.ingest.PixelFormat;
import io.edgewatch.ingest.VideoFrame;
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
    private int fittedWidth;
    private int fittedHeight;
    private Planes yuv; // the I420 path's buffers, for the last I420 frame size

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
            source.close();
            source = new Mat(height, width, opencv_core.CV_8UC3);
            sourceData = source.data();
        }
        fit(width, height);
        sourceData.put(bgr, 0, width * height * 3);
        opencv_imgproc.resize(source, content, contentSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        writer.write(canvas);
        return mapping;
    }

    /** A frame as the decoder handed it on: BGR24 as {@link #fill(byte[], int, int)}, I420 resized, then converted. */
    public FrameMapping fill(VideoFrame frame) {
        return frame.format() == PixelFormat.I420 ? fillI420(frame.pixels(), frame.width(), frame.height())
                : fill(frame.pixels(), frame.width(), frame.height());
    }

    /**
     * I420 pixels (even size): the Y, U and V planes are each resized (INTER_LINEAR, as the BGR path) to the fitted
     * region and only that small picture is converted to BGR, so a frame is never converted at full size. Against
     * the BGR path on the full-size conversion, luma is the same up to rounding; chroma ends at half the input's
     * resolution (as in any I420 picture) instead of being interpolated after conversion, which moves values at
     * sharp colour edges (ImagePreprocessorTest states how much, I420DetectionIT what it does to detections).
     * 317 vs 429 µs/op for the BGR path (JMH, 768x576 -> 416x416); chroma resized to the full output and
     * converted from 4:4:4 was 480. An odd fitted region falls back to the full-size conversion.
     */
    public FrameMapping fillI420(byte[] i420, int width, int height) {
        if (width <= 0 || height <= 0 || ((width | height) & 1) != 0 || i420.length < width * height * 3 / 2) {
            throw new IllegalArgumentException("bad I420 frame " + width + "x" + height + " (" + i420.length
                    + " bytes)");
        }
        fit(width, height);
        if (yuv == null || yuv.width != width || yuv.height != height) {
            if (yuv != null) {
                yuv.close();
            }
            yuv = new Planes(width, height, contentSize.width(), contentSize.height());
        }
        yuv.sourceData.put(i420, 0, width * height * 3 / 2);
        if (yuv.small != null) {
            opencv_imgproc.resize(yuv.srcY, yuv.dstY, contentSize, 0, 0, opencv_imgproc.INTER_LINEAR);
            opencv_imgproc.resize(yuv.srcU, yuv.dstU, yuv.sizeUv, 0, 0, opencv_imgproc.INTER_LINEAR);
            opencv_imgproc.resize(yuv.srcV, yuv.dstV, yuv.sizeUv, 0, 0, opencv_imgproc.INTER_LINEAR);
            opencv_imgproc.cvtColor(yuv.small, content, opencv_imgproc.COLOR_YUV2BGR_I420);
        } else {
            opencv_imgproc.cvtColor(yuv.source, yuv.fullBgr, opencv_imgproc.COLOR_YUV2BGR_I420);
            opencv_imgproc.resize(yuv.fullBgr, content, contentSize, 0, 0, opencv_imgproc.INTER_LINEAR);
        }
        writer.write(canvas);
        return mapping;
    }

    /** The Java reference path into the same buffer (tests and benchmarks compare the two). */
    public FrameMapping fillReference(byte[] bgr, int width, int height) {
        check(bgr, width, height);
        return reference.fill(bgr, width, height, target);
    }

    /** New frame size: how boxes map back, and the canvas region the frame is resized into (the rest is pad). */
    private void fit(int width, int height) {
        if (fittedWidth == width && fittedHeight == height) {
            return;
        }
        fittedWidth = width;
        fittedHeight = height;
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
        if (yuv != null) {
            yuv.close();
        }
        canvas.close();
        if (content != null) {
            content.close();
            contentSize.close();
        }
    }

    /** Native buffers of the I420 path: the frame's planes and, for an even fitted region, the resized ones. */
    private static final class Planes implements AutoCloseable {
        final int width;
        final int height;
        final Mat source;
        final BytePointer sourceData;
        final Mat srcY;
        final Mat srcU;
        final Mat srcV;
        final Mat small; // cw × ch I420, null when the region is odd-sized
        final Mat dstY;
        final Mat dstU;
        final Mat dstV;
        final Size sizeUv;
        final Mat fullBgr; // the odd-region fallback's full-size conversion

        Planes(int width, int height, int cw, int ch) {
            this.width = width;
            this.height = height;
            source = new Mat(height * 3 / 2, width, opencv_core.CV_8UC1);
            sourceData = source.data();
            int y = width * height;
            srcY = plane(sourceData, 0, height, width);
            srcU = plane(sourceData, y, height / 2, width / 2);
            srcV = plane(sourceData, y + y / 4, height / 2, width / 2);
            boolean even = ((cw | ch) & 1) == 0;
            small = even ? new Mat(ch * 3 / 2, cw, opencv_core.CV_8UC1) : null;
            BytePointer smallData = even ? small.data() : null;
            dstY = even ? plane(smallData, 0, ch, cw) : null;
            dstU = even ? plane(smallData, cw * ch, ch / 2, cw / 2) : null;
            dstV = even ? plane(smallData, cw * ch + cw * ch / 4, ch / 2, cw / 2) : null;
            sizeUv = new Size(cw / 2, ch / 2);
            fullBgr = even ? null : new Mat(height, width, opencv_core.CV_8UC3);
        }

        /** A rows × cols 8-bit view of {@code data} from byte {@code offset}, sharing its memory. */
        private static Mat plane(BytePointer data, long offset, int rows, int cols) {
            return new Mat(rows, cols, opencv_core.CV_8UC1, new BytePointer(data).position(offset));
        }

        @Override
        public void close() {
            for (Mat m : new Mat[] {srcY, srcU, srcV, dstY, dstU, dstV, small, fullBgr, source}) {
                if (m != null) {
                    m.close();
                }
            }
            sizeUv.close();
        }
    }

    @Override
    public String toString() {
        return "ImagePreprocessor" + spec;
    }
}
