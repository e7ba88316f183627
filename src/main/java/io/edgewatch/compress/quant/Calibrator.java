package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgewatch.compress.model.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the float model in ONNX Runtime on calibration inputs with the tensors of interest exposed as extra graph
 * outputs, and accumulates {@link TensorStats} for each. Non-finite values are counted and skipped (warned once
 * per tensor at the end).
 */
public final class Calibrator {

    private static final Logger LOG = LoggerFactory.getLogger(Calibrator.class);

    private final OrtEnvironment env;
    private final int threads;

    public Calibrator(OrtEnvironment env, int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.env = env;
        this.threads = threads;
    }

    /** Collects statistics of {@code tensors} over all inputs of {@code source}. */
    public Map<String, TensorStats> collect(ModelProto model, List<String> tensors, CalibrationSource source,
            boolean histograms, CalibrationProgress progress) throws OrtException {
        if (source.size() <= 0) {
            throw new IllegalArgumentException("calibration source must not be empty");
        }
        Map<String, TensorStats> stats = new LinkedHashMap<>();
        for (String t : tensors) {
            stats.put(t, new TensorStats(t, histograms));
        }
        byte[] bytes = Tensors.withFloatOutputs(model, tensors).toByteArray();
        try (OrtSession.SessionOptions o = OrtModels.options(threads, OrtSession.SessionOptions.OptLevel.BASIC_OPT);
                OrtSession session = env.createSession(bytes, o)) {
            var input = OrtModels.singleInput(session);
            int done = 0;
            for (float[] frame : source) {
                runOne(session, input, frame, stats);
                progress.update(++done, source.size());
            }
        }
        warnNonFinite(stats);
        return stats;
    }

    private void runOne(OrtSession session, Map.Entry<String, long[]> input, float[] frame,
            Map<String, TensorStats> stats) throws OrtException {
        try (OnnxTensor in = OrtModels.tensor(env, frame, input.getValue());
                OrtSession.Result r = session.run(Map.of(input.getKey(), in), stats.keySet())) {
            for (Map.Entry<String, OnnxValue> e : r) {
                stats.get(e.getKey()).add(OrtModels.floats((OnnxTensor) e.getValue()));
            }
        }
    }

    private static void warnNonFinite(Map<String, TensorStats> stats) {
        for (TensorStats s : stats.values()) {
            if (s.nonFiniteCount() > 0) {
                LOG.warn("tensor {}: {} non-finite values ignored by calibration (e.g. Pad(-inf) before MaxPool)",
                        s.name(), s.nonFiniteCount());
            }
        }
    }
}
