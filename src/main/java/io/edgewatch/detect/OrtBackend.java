package io.edgewatch.detect;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgewatch.util.LargeStack;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ONNX Runtime (CPU provider) backend. Outputs are pinned to direct buffers allocated at load, so ORT
 * writes straight into memory the decoder reads; symbolic output dimensions are resolved by one inference
 * on a zero input first. The input is a reused direct buffer wrapped in a (cheap) new OnnxTensor per run.
 */
public final class OrtBackend implements InferenceBackend {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final int[] inputShape;
    private final long[] inputShapeLong;
    private final boolean uint8;
    private final ByteBuffer input;
    private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
    private final List<TensorView> outputs = new ArrayList<>();
    private final Io io;
    private final Map<String, String> metadata;

    /**
     * @param fallbackSize input side used where the model's height/width are symbolic
     */
    public OrtBackend(Path model, int threads, int fallbackSize) {
        this.env = LargeStack.get("ort-load", OrtEnvironment::getEnvironment);
        this.session = LargeStack.get("ort-load", () -> openSession(env, model, threads, fallbackSize));
        try {
            Map.Entry<String, NodeInfo> in = session.getInputInfo().entrySet().iterator().next();
            if (session.getNumInputs() != 1 || !(in.getValue().getInfo() instanceof TensorInfo ti)) {
                throw new IllegalArgumentException("expected one image tensor input, inputs: " + session.getInputNames());
            }
            this.inputName = in.getKey();
            this.uint8 = ti.type == OnnxJavaType.UINT8;
            if (!uint8 && ti.type != OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException("input '" + inputName + "' is " + ti.type + ", expected float or uint8");
            }
            this.inputShape = concreteInput(ti.getShape(), fallbackSize);
            this.inputShapeLong = Arrays.stream(inputShape).asLongStream().toArray();
            this.input = ByteBuffer.allocateDirect(inputShape[1] * inputShape[2] * inputShape[3]
                    * (uint8 ? 1 : Float.BYTES)).order(ByteOrder.nativeOrder());
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
            pinOutputs();
            this.io = new Io(inputShape, uint8, input, outputs);
        } catch (OrtException | RuntimeException e) {
            close();
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("cannot use model " + model + ": " + e.getMessage(), e);
        }
    }

    /** The one place ORT sessions are configured (to become util's OrtSessions factory). */
    static OrtSession openSession(OrtEnvironment env, Path model, int threads) {
        return openSession(env, model, threads, Optional.empty());
    }

    /** Largest file read to add NanoDet's score maxima ({@link ScoreMaxima}); NanoDet models are 2–20 MB. */
    private static final long AMEND_MAX_BYTES = 64L << 20;

    /** The model's session, built from the bytes with NanoDet's score maxima added when the graph is NanoDet's. */
    private static OrtSession openSession(OrtEnvironment env, Path model, int threads, int fallbackSize) {
        Optional<byte[]> amended = Optional.empty();
        try {
            if (Files.size(model) <= AMEND_MAX_BYTES) {
                amended = ScoreMaxima.amend(Files.readAllBytes(model), fallbackSize);
            }
        } catch (IOException e) {
            // unreadable: ORT's own load below says why
        }
        return openSession(env, model, threads, amended);
    }

    /** From {@code bytes} when given, else from the file. */
    private static OrtSession openSession(OrtEnvironment env, Path model, int threads, Optional<byte[]> bytes) {
        try (OrtSession.SessionOptions opts = OrtSessions.options(threads)) {
            return bytes.isPresent() ? env.createSession(bytes.get(), opts) : env.createSession(model.toString(), opts);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load model " + model + ": " + e.getMessage(), e);
        }
    }

    private static int[] concreteInput(long[] shape, int fallback) {
        if (shape.length != 4) {
            throw new IllegalArgumentException("input has shape " + Arrays.toString(shape) + ", expected 4-D image");
        }
        boolean nhwc = shape[3] == 3 && shape[1] != 3;
        int[] out = new int[4];
        out[0] = 1;
        for (int i = 1; i < 4; i++) {
            boolean channel = nhwc ? i == 3 : i == 1;
            out[i] = shape[i] > 0 ? (int) shape[i] : (channel ? 3 : fallback);
        }
        return out;
    }

    /** Pins every output; learns symbolic dimensions from one inference when needed. */
    private void pinOutputs() throws OrtException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        boolean symbolic = false;
        for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
            if (!(e.getValue().getInfo() instanceof TensorInfo ti) || ti.type != OnnxJavaType.FLOAT) {
                throw new IllegalArgumentException("output '" + e.getKey() + "' is not a float tensor");
            }
            long[] s = ti.getShape();
            if (s.length > 0 && s[0] < 0) {
                s[0] = 1;
            }
            symbolic |= Arrays.stream(s).anyMatch(d -> d < 0);
            shapes.put(e.getKey(), s);
        }
        if (symbolic) {
            try (OnnxTensor in = inputTensor(); OrtSession.Result r = session.run(Map.of(inputName, in))) {
                for (Map.Entry<String, OnnxValue> e : r) {
                    shapes.put(e.getKey(), ((TensorInfo) e.getValue().getInfo()).getShape());
                }
            }
        }
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            FloatBuffer buf = ByteBuffer.allocateDirect((int) n * Float.BYTES).order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
            pinned.put(e.getKey(), OnnxTensor.createTensor(env, buf, e.getValue()));
            outputs.add(new TensorView(e.getKey(), Arrays.stream(e.getValue()).mapToInt(d -> (int) d).toArray(), buf));
        }
    }

    private OnnxTensor inputTensor() throws OrtException {
        input.clear();
        return uint8 ? OnnxTensor.createTensor(env, input, inputShapeLong, OnnxJavaType.UINT8)
                : OnnxTensor.createTensor(env, input.asFloatBuffer(), inputShapeLong);
    }

    @Override
    public void run() {
        try (OnnxTensor in = inputTensor(); OrtSession.Result r = session.run(Map.of(inputName, in), pinned)) {
            if (r.size() != pinned.size()) {
                throw new IllegalStateException("expected " + pinned.size() + " outputs, got " + r.size());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Io io() { return io; }

    @Override
    public Map<String, String> metadata() { return metadata; }

    @Override
    public String runtime() { return "onnxruntime"; }

    @Override
    public void close() {
        pinned.values().forEach(OnnxTensor::close);
        pinned.clear();
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing session failed: " + e.getMessage(), e);
        }
    }
}
