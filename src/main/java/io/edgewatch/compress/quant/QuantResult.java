package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;

/**
 * @param model  the QDQ model
 * @param plan   what was quantized and what was kept float
 * @param ranges calibrated range per activation tensor that owns parameters
 * @param stats  raw calibration statistics (for reporting non-finite counts)
 */
public record QuantResult(ModelProto model, QuantPlan plan, Map<String, Range> ranges,
        Map<String, TensorStats> stats) {
}
