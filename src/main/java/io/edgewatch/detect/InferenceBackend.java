package io.edgewatch.detect;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * One loaded model on one runtime (ONNX Runtime or TensorFlow Lite) with a single image input. Buffers are
 * allocated at load and reused: the caller fills {@link #input()}, calls {@link #run()}, and reads
 * {@link #outputs()}. Not thread-safe.
 */
public interface InferenceBackend extends AutoCloseable {
    /**
     * The buffers both runtimes expose the same way.
     *
     * @param inputShape shape with batch 1: [1,3,H,W] (NCHW) or [1,H,W,3] (NHWC)
     * @param uint8      true for a uint8 input (raw 0..255), false for float32
     * @param input      direct, native-order input buffer of the exact input size
     * @param outputs    float outputs in the model's order; the buffers are refilled by every {@link #run()}
     */
    record Io(int[] inputShape, boolean uint8, ByteBuffer input, List<TensorView> outputs) {}

    /** This backend's input and output buffers (allocated at load). */
    Io io();

    default int[] inputShape() { return io().inputShape().clone(); }

    default boolean inputUint8() { return io().uint8(); }

    default ByteBuffer input() { return io().input(); }

    default List<TensorView> outputs() { return io().outputs(); }

    /** Runs one inference on the current input. */
    void run();

    /** Key/value metadata stored in the model (ONNX metadata_props); empty when there is none. */
    Map<String, String> metadata();

    /** Runtime name for logs and reports, e.g. {@code onnxruntime}, {@code tflite+xnnpack}. */
    String runtime();

    @Override
    void close();

    /** NHWC when the last input dimension is the 3 colour channels and the second is not. */
    default boolean nhwc() {
        int[] s = inputShape();
        return s[3] == 3 && s[1] != 3;
    }

    default int inputHeight() { return nhwc() ? inputShape()[1] : inputShape()[2]; }

    default int inputWidth() { return nhwc() ? inputShape()[2] : inputShape()[3]; }
}
