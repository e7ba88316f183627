package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.edgewatch.compress.model.Graph;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static post-training quantization to a QDQ model with uint8 activations and int8 (per-channel) weights — the
 * U8S8 form ONNX Runtime's CPU provider fuses into QLinearConv. Steps: name nodes and ensure opset 13, plan
 * ({@link QdqPlanner}), calibrate ({@link Calibrator}), estimate ranges ({@link RangeEstimator}), rewrite
 * ({@link QdqRewriter}). Check the result with {@link FusionCheck}.
 */
public final class QdqQuantizer {

    private static final Logger LOG = LoggerFactory.getLogger(QdqQuantizer.class);

    private final QuantConfig config;
    private final Calibrator calibrator;

    public QdqQuantizer(QuantConfig config, OrtEnvironment env, int threads) {
        this.config = config;
        this.calibrator = new Calibrator(env, threads);
    }

    /** Plans without calibrating: which nodes would be quantized and which kept float. */
    public QuantPlan plan(ModelProto model) {
        return new QdqPlanner(config).plan(new Graph(GraphPrep.prepare(model).getGraph()));
    }

    public QuantResult quantize(ModelProto floatModel, CalibrationSource source, CalibrationProgress progress)
            throws OrtException {
        ModelProto model = GraphPrep.prepare(floatModel);
        Graph g = new Graph(model.getGraph());
        QuantPlan plan = new QdqPlanner(config).plan(g);
        plan.warnings().forEach(w -> LOG.warn("{}", w));
        LOG.info("quantizing {} weighted + {} other nodes, {} activation tensors; {} tail nodes kept float",
                plan.weightedNodes().size(), plan.otherNodes().size(), plan.tensors().size(),
                plan.tailNodes().size());
        Map<String, TensorStats> stats = calibrator.collect(model, plan.calibratedTensors(), source,
                config.calibration().method().needsHistograms(), progress);
        return rewrite(model, g, plan, stats);
    }

    /**
     * Quantizes again with this config (e.g. more nodes excluded) reusing statistics of an earlier calibration:
     * excluding nodes only removes tensors from the plan, so no new calibration pass is needed.
     */
    public QuantResult requantize(ModelProto floatModel, Map<String, TensorStats> stats) {
        ModelProto model = GraphPrep.prepare(floatModel);
        Graph g = new Graph(model.getGraph());
        QuantPlan plan = new QdqPlanner(config).plan(g);
        Map<String, TensorStats> used = new LinkedHashMap<>();
        for (String t : plan.calibratedTensors()) {
            TensorStats s = stats.get(t);
            if (s == null) {
                throw new IllegalArgumentException("no calibration statistics for tensor " + t);
            }
            used.put(t, s);
        }
        return rewrite(model, g, plan, used);
    }

    private QuantResult rewrite(ModelProto model, Graph g, QuantPlan plan, Map<String, TensorStats> stats) {
        RangeEstimator estimator = new RangeEstimator(config.calibration());
        Map<String, Range> ranges = new LinkedHashMap<>();
        Map<String, QuantParams> params = new LinkedHashMap<>();
        for (TensorStats s : stats.values()) {
            Range r = estimator.estimate(s);
            ranges.put(s.name(), r);
            params.put(s.name(), r.uint8());
        }
        ModelProto out = new QdqRewriter(g, plan, params, config).rewrite(model);
        return new QuantResult(out, plan, ranges, stats);
    }
}
