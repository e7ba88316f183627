package io.edgewatch.detect;

import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteFloat32;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteOk;
import static org.bytedeco.tensorflowlite.global.tensorflowlite.kTfLiteUInt8;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithXNNPACK;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;

/**
 * TensorFlow Lite backend (bytedeco presets, C++ interpreter). With {@code xnnpack} the XNNPACK delegate
 * takes the ops it supports, uint8 (QU8) included; custom ops such as {@code TFLite_Detection_PostProcess}
 * stay on the built-in kernels. Input and outputs are the interpreter's own tensor memory seen as direct
 * buffers: no copies per frame. Not thread-safe.
 */
public final class TfliteBackend implements InferenceBackend {
    private final FlatBufferModel model;
    private final BuiltinOpResolver resolver;
    private final Interpreter interpreter;
    private final int[] inputShape;
    private final boolean uint8;
    private final ByteBuffer input;
    private final List<TensorView> outputs = new ArrayList<>();
    private final Io io;
    private final boolean xnnpack;

    public TfliteBackend(Path file, int threads, boolean xnnpack) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file not found: " + file);
        }
        this.xnnpack = xnnpack;
        this.model = FlatBufferModel.BuildFromFile(file.toString());
        if (model == null || model.isNull()) {
            throw new IllegalArgumentException("cannot load TFLite model " + file);
        }
        this.resolver = xnnpack ? new BuiltinOpResolverWithXNNPACK(true) : new BuiltinOpResolverWithoutDefaultDelegates();
        this.interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
        try (InterpreterBuilder builder = new InterpreterBuilder(model, resolver)) {
            builder.SetNumThreads(threads);
            check(builder.apply(interpreter), "build interpreter for " + file);
        }
        check(interpreter.AllocateTensors(), "allocate tensors of " + file);
        if (interpreter.inputs().limit() != 1) {
            close();
            throw new IllegalArgumentException("expected one image input in " + file);
        }
        TfLiteTensor in = interpreter.input_tensor(0);
        this.inputShape = dims(in);
        this.uint8 = in.type() == kTfLiteUInt8;
        if (inputShape.length != 4 || (!uint8 && in.type() != kTfLiteFloat32)) {
            close();
            throw new IllegalArgumentException("input of " + file + " must be a 4-D uint8 or float32 image");
        }
        this.input = view(in);
        bindOutputs(file);
        this.io = new Io(inputShape, uint8, input, outputs);
    }

    private void bindOutputs(Path file) {
        int n = (int) interpreter.outputs().limit();
        for (int i = 0; i < n; i++) {
            TfLiteTensor t = interpreter.output_tensor(i);
            if (t.type() != kTfLiteFloat32) {
                close();
                throw new IllegalArgumentException("output " + i + " of " + file + " is not float32");
            }
            String name = t.name() == null ? "output_" + i : t.name().getString();
            outputs.add(new TensorView(name, dims(t), view(t).asFloatBuffer()));
        }
    }

    private static int[] dims(TfLiteTensor t) {
        TfLiteIntArray d = t.dims();
        int[] out = new int[d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.data(i);
        }
        return out;
    }

    private static ByteBuffer view(TfLiteTensor t) {
        BytePointer p = new BytePointer(t.data().data()).capacity(t.bytes());
        return p.asBuffer().order(ByteOrder.nativeOrder());
    }

    private static void check(int status, String what) {
        if (status != kTfLiteOk) {
            throw new IllegalArgumentException("TFLite failed to " + what + " (status " + status + ")");
        }
    }

    @Override
    public void run() {
        check(interpreter.Invoke(), "invoke");
    }

    @Override
    public Io io() { return io; }

    @Override
    public Map<String, String> metadata() { return Map.of(); }

    @Override
    public String runtime() { return xnnpack ? "tflite+xnnpack" : "tflite"; }

    @Override
    public void close() {
        interpreter.close();
        resolver.close();
        model.close();
    }
}
