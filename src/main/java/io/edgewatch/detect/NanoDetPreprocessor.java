package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import java.nio.FloatBuffer;

/**
 * {@link ImagePreprocessor} with NanoDet's input conventions ({@link ModelFormat#NANODET}: stretch to S x S,
 * BGR, NCHW float, {@code (v - mean) / std}) and its own direct input buffer, for the NanoDet-only detector
 * and the offline tools that feed ONNX Runtime themselves. All the work is the shared preprocessor's.
 * Not thread-safe.
 */
public final class NanoDetPreprocessor implements AutoCloseable {
    /**
     * Largest difference from the Java reference, in normalised units: {@link ImagePreprocessor#MAX_GREY_LEVELS}
     * over the smallest std (57.12), with float rounding.
     */
    public static final float MAX_ABS_DIFF = 0.02f;

    private final int size;
    private final FloatBuffer input;
    private final ImagePreprocessor preprocessor;

    public NanoDetPreprocessor(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("inputSize must be positive: " + size);
        }
        this.size = size;
        ImagePreprocessor.Spec spec = ImagePreprocessor.Spec.of(ModelFormat.NANODET, size, size, false, false);
        java.nio.ByteBuffer bytes = ImagePreprocessor.allocate(spec);
        this.input = bytes.asFloatBuffer();
        this.preprocessor = new ImagePreprocessor(spec, bytes);
    }

    public int size() { return size; }

    /** The direct, native-order input buffer (position 0, limit 3*S*S), refilled by {@link #fill}. */
    public FloatBuffer buffer() { return input; }

    public long[] shape() { return new long[] {1, 3, size, size}; }

    /** Resizes and normalises {@code frame} into {@link #buffer()}. */
    public FloatBuffer fill(VideoFrame frame) {
        preprocessor.fill(frame);
        input.clear();
        return input;
    }

    public FloatBuffer fill(byte[] bgr, int width, int height) {
        preprocessor.fill(bgr, width, height);
        input.clear();
        return input;
    }

    /** The Java reference path into the same buffer (tests and benchmarks compare the two). */
    public FloatBuffer fillReference(byte[] bgr, int width, int height) {
        preprocessor.fillReference(bgr, width, height);
        input.clear();
        return input;
    }

    /** Frees the native buffers now instead of when the garbage collector finds them. */
    @Override
    public void close() {
        preprocessor.close();
    }
}
