package io.edgewatch.compress.gate;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.quant.LayerError;
import io.edgewatch.compress.quant.QuantPlan;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a layer report (tensors, worst first) into the order in which nodes are kept float. A tensor is the
 * output of a quantized node; when that node is an activation folded into its Conv (Relu/Clip after a quantized
 * Conv), the Conv is the layer to keep float: excluding only the activation would leave the Conv in int8.
 */
public final class FloatFallback {

    private FloatFallback() {
    }

    /** Distinct quantized node names, in the order of {@code errors}. */
    public static List<String> order(List<LayerError> errors, Graph g, QuantPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        for (LayerError e : errors) {
            NodeProto p = g.producer(e.tensor());
            if (p == null) {
                continue;
            }
            String node = layerOf(p, g, plan);
            if (plan.weightedNodes().contains(node) || plan.otherNodes().contains(node)) {
                out.add(node);
            }
        }
        return new ArrayList<>(out);
    }

    private static String layerOf(NodeProto producer, Graph g, QuantPlan plan) {
        boolean activation = producer.getOpType().equals("Relu") || producer.getOpType().equals("Clip");
        if (activation && producer.getInputCount() > 0) {
            NodeProto conv = g.producer(producer.getInput(0));
            if (conv != null && plan.weightedNodes().contains(conv.getName())) {
                return conv.getName();
            }
        }
        return producer.getName();
    }
}
