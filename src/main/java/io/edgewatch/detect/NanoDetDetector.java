package io.edgewatch.detect;

import io.edgewatch.config.CocoNames;
import io.edgewatch.util.LargeStack;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NanoDet-m (COCO-80) on ONNX Runtime's CPU provider. fp32 and int8 QDQ files have the same I/O.
 *
 * <p>Zero per-frame allocation of tensors' memory: the input is a reused direct buffer wrapped in a new
 * (cheap) OnnxTensor each frame, and the six outputs are pinned to direct buffers allocated at load, so
 * ORT writes straight into memory the decoder reads. Not thread-safe: one caller at a time.
 */
public final class NanoDetDetector extends TimedDetector {
    private static final Logger log = LoggerFactory.getLogger(NanoDetDetector.class);
    static final String INPUT = "input_1";
    static final String[] SCORE_OUTPUTS = {"Identity", "Identity_1", "Identity_2"};
    static final String[] BIN_OUTPUTS = {"Identity_3", "Identity_4", "Identity_5"};

    private final OrtEnvironment env;
    private final OrtSession session;
    private final NanoDetPreprocessor preprocessor;
    private final NanoDetDecoder decoder;
    private final FloatBuffer[] scores = new FloatBuffer[3];
    private final FloatBuffer[] bins = new FloatBuffer[3];
    private final Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
    private boolean closed;

    /**
     * Loads {@code model}, checks its I/O against the NanoDet-m layout and runs one warm-up inference.
     *
     * @param threads       ORT intra-op threads
     * @param time          monotonic nanoseconds, used for inference time-stamps and latencies
     * @param latencyWindow how many recent latencies to keep
     */
    public NanoDetDetector(Path model, int threads, NanoDetDecoder decoder, TimeSource time,
                           int latencyWindow) {
        super(ModelFiles.modelName(existing(model)), ModelFiles.sha256(model), time, latencyWindow);
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        if (decoder == null) {
            throw new IllegalArgumentException("decoder must not be null");
        }
        this.env = LargeStack.get("ort-load", OrtEnvironment::getEnvironment);
        this.decoder = decoder;
        this.preprocessor = new NanoDetPreprocessor(decoder.inputSize());
        long t0 = time.nanos();
        this.session = LargeStack.get("ort-load", () -> openSession(model, threads));
        try {
            checkInput();
            pinOutputs();
            warmUp();
        } catch (RuntimeException | OrtException e) {
            close();
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
        log.info("Loaded detector {} (sha256 {}, {} threads, input {}) in {} ms", name, modelSha256(), threads,
                decoder.inputSize(), (time.nanos() - t0) / 1_000_000);
    }

    private static Path existing(Path model) {
        if (model == null || !Files.isRegularFile(model)) {
            throw new IllegalArgumentException("model file not found: " + model);
        }
        return model;
    }

    private OrtSession openSession(Path model, int threads) {
        return OrtBackend.openSession(env, model, threads);
    }

    private void checkInput() throws OrtException {
        NodeInfo in = session.getInputInfo().get(INPUT);
        if (in == null || !(in.getInfo() instanceof TensorInfo ti)) {
            throw new IllegalArgumentException("model has no tensor input '" + INPUT + "', inputs: "
                    + session.getInputNames());
        }
        long[] shape = ti.getShape();
        int s = decoder.inputSize();
        if (shape.length != 4 || !fits(shape[1], 3) || !fits(shape[2], s) || !fits(shape[3], s)) {
            throw new IllegalArgumentException("input '" + INPUT + "' has shape " + Arrays.toString(shape)
                    + ", expected [1,3," + s + "," + s + "]");
        }
    }

    private void pinOutputs() throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        for (int level = 0; level < 3; level++) {
            int cells = decoder.gridSize(level) * decoder.gridSize(level);
            scores[level] = pin(outputs, SCORE_OUTPUTS[level], cells, CocoNames.size());
            bins[level] = pin(outputs, BIN_OUTPUTS[level], cells, NanoDetDecoder.SIDES * NanoDetDecoder.BINS);
        }
    }

    private FloatBuffer pin(Map<String, NodeInfo> outputs, String output, int cells, int width)
            throws OrtException {
        NodeInfo info = outputs.get(output);
        if (info == null) {
            throw new IllegalArgumentException("model has no output '" + output + "', outputs: " + outputs.keySet());
        }
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        if (shape.length != 3 || !fits(shape[1], cells) || !fits(shape[2], width)) {
            throw new IllegalArgumentException("output '" + output + "' has shape " + Arrays.toString(shape)
                    + ", expected [1," + cells + "," + width + "]");
        }
        FloatBuffer buf = ByteBuffer.allocateDirect(cells * width * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        pinned.put(output, OnnxTensor.createTensor(env, buf, new long[] {1, cells, width}));
        return buf;
    }

    private static boolean fits(long dim, long expected) {
        return dim == expected || dim < 0; // negative = symbolic dimension
    }

    private void warmUp() throws OrtException {
        byte[] grey = new byte[decoder.inputSize() * decoder.inputSize() * 3];
        Arrays.fill(grey, (byte) 114);
        preprocessor.fill(grey, decoder.inputSize(), decoder.inputSize());
        infer();
        decoder.decode(scores, bins);
    }

    @Override
    public List<Detection> detect(VideoFrame frame) {
        if (closed) {
            throw new IllegalStateException("detector " + name + " is closed");
        }
        long p0 = preprocessTiming.start();
        preprocessor.fill(frame);
        preprocessTiming.end(p0);
        try {
            infer();
        } catch (OrtException e) {
            throw new IllegalStateException("inference failed on " + name + ": " + e.getMessage(), e);
        }
        return decoder.decode(scores, bins);
    }

    /** Runs the session on the filled input buffer; results land in the pinned output buffers. */
    private void infer() throws OrtException {
        long start = inferenceTiming.start();
        try (OnnxTensor input = OnnxTensor.createTensor(env, preprocessor.buffer(), preprocessor.shape());
             OrtSession.Result result = session.run(Map.of(INPUT, input), pinned)) {
            if (result.size() != pinned.size()) {
                throw new IllegalStateException("expected " + pinned.size() + " outputs, got " + result.size());
            }
        } finally {
            inferenceTiming.end(start);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        preprocessor.close();
        for (OnnxTensor t : pinned.values()) {
            t.close();
        }
        pinned.clear();
        try {
            session.close();
        } catch (OrtException e) {
            log.warn("Closing session of {} failed: {}", name, e.getMessage());
        }
    }
}
