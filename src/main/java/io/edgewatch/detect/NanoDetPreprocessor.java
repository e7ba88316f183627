package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Packed BGR24 frame to NanoDet's input: NCHW [1,3,S,S] float, BGR channel order,
 * {@code (v - mean) / std} with mean (103.53, 116.28, 123.675) and std (57.375, 57.12, 58.395).
 *
 * <p>Resize is a plain stretch to S x S (what NanoDet's own demo does), bilinear with pixel centres aligned.
 * Stretching keeps box maths trivial: a box normalised to the network input is normalised to the frame too.
 * The work runs in OpenCV (native, vectorised): the frame is copied once into a reused Mat, resized to 8-bit
 * S x S, split into planes, and each plane is scaled straight into the tensor's direct buffer by
 * {@code convertTo(alpha = 1/std, beta = -mean/std)} — no Java loop over pixels. OpenCV resizes in 8-bit fixed
 * point, so values differ from the float {@link BilinearReference} by at most {@link #MAX_ABS_DIFF} (one grey
 * level over std, plus rounding). All native buffers are reused; the source Mat is reallocated only when the
 * frame size changes. Not thread-safe.
 */
public final class NanoDetPreprocessor implements AutoCloseable {
    static final float[] MEAN = {103.53f, 116.28f, 123.675f};
    static final float[] STD = {57.375f, 57.12f, 58.395f};
    /** Largest difference from the Java reference, in normalised units (≈ 1 grey level / 57). */
    public static final float MAX_ABS_DIFF = 0.02f;

    private final int size;
    private final FloatBuffer input;
    private final Mat resized;
    private final MatVector bytePlanes;
    private final Mat[] bytePlane = new Mat[3]; // the same Mats as bytePlanes: no wrapper per frame
    private final Mat[] tensorPlanes = new Mat[3];
    private final Size dsize;
    private final BilinearReference reference;
    private Mat source = new Mat();
    private int sourceBytes = -1;

    public NanoDetPreprocessor(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("inputSize must be positive: " + size);
        }
        this.size = size;
        int plane = size * size;
        this.input = ByteBuffer.allocateDirect(3 * plane * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        this.resized = new Mat(size, size, opencv_core.CV_8UC3);
        this.bytePlanes = new MatVector(3);
        for (int c = 0; c < 3; c++) {
            bytePlane[c] = new Mat(size, size, opencv_core.CV_8UC1);
            bytePlanes.put(c, bytePlane[c]);
            // Each plane Mat views its slice of the tensor buffer: convertTo writes the model input in place.
            FloatBuffer slice = input.duplicate().position(c * plane).slice();
            tensorPlanes[c] = new Mat(size, size, opencv_core.CV_32FC1, new FloatPointer(slice));
        }
        this.dsize = new Size(size, size);
        this.reference = new BilinearReference(size);
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
        check(bgr, width, height);
        int bytes = width * height * 3;
        if (source.rows() != height || source.cols() != width) {
            source.close();
            source = new Mat(height, width, opencv_core.CV_8UC3);
            sourceBytes = bytes;
        }
        source.data().put(bgr, 0, sourceBytes);
        opencv_imgproc.resize(source, resized, dsize, 0, 0, opencv_imgproc.INTER_LINEAR);
        opencv_core.split(resized, bytePlanes);
        for (int c = 0; c < 3; c++) {
            bytePlane[c].convertTo(tensorPlanes[c], opencv_core.CV_32F, 1.0 / STD[c], -MEAN[c] / STD[c]);
        }
        input.clear();
        return input;
    }

    /** The Java reference path into the same buffer (tests and benchmarks compare the two). */
    public FloatBuffer fillReference(byte[] bgr, int width, int height) {
        check(bgr, width, height);
        reference.fill(bgr, width, height, input);
        return input;
    }

    private static void check(byte[] bgr, int width, int height) {
        if (width <= 0 || height <= 0 || bgr.length < width * height * 3) {
            throw new IllegalArgumentException("bad frame " + width + "x" + height + " (" + bgr.length + " bytes)");
        }
    }

    /** Frees the native buffers now instead of when the garbage collector finds them. */
    @Override
    public void close() {
        source.close();
        resized.close();
        bytePlanes.close();
        for (Mat m : tensorPlanes) {
            m.close();
        }
        dsize.close();
    }
}
