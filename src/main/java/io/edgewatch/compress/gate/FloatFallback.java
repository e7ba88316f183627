package io.edgewatch.compress.gate;

import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.quant.LayerError;
import io.edgewatch.compress.quant.QuantPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a layer report into the order in which nodes are kept float. The report's error of a tensor includes
 * everything upstream, so the deepest tensors always look worst; a layer is ranked instead by the error it adds:
 * its output's relative L2 minus the largest of its inputs'. When the tensor comes from an activation folded into
 * a quantized Conv (Relu/Clip), the Conv is the layer: excluding only the activation would leave the Conv int8.
 */
public final class FloatFallback {

    private FloatFallback() {
    }

    /** Quantized node names, largest added error first. */
    public static List<String> order(List<LayerError> errors, Graph g, QuantPlan plan) {
        Map<String, Double> err = new HashMap<>();
        errors.forEach(e -> err.put(e.tensor(), e.relL2()));
        Map<String, Double> added = new LinkedHashMap<>();
        for (LayerError e : errors) {
            NodeProto p = g.producer(e.tensor());
            NodeProto layer = p == null ? null : layerOf(p, g, plan);
            if (layer == null || !(plan.weightedNodes().contains(layer.getName())
                    || plan.otherNodes().contains(layer.getName()))) {
                continue;
            }
            double in = layer.getInputList().stream().mapToDouble(t -> err.getOrDefault(t, 0.0)).max().orElse(0);
            added.merge(layer.getName(), e.relL2() - in, Math::max);
        }
        List<String> out = new ArrayList<>(added.keySet());
        out.sort(Comparator.comparingDouble((String n) -> added.get(n)).reversed());
        return out;
    }

    private static NodeProto layerOf(NodeProto producer, Graph g, QuantPlan plan) {
        boolean activation = producer.getOpType().equals("Relu") || producer.getOpType().equals("Clip");
        if (activation && producer.getInputCount() > 0) {
            NodeProto conv = g.producer(producer.getInput(0));
            if (conv != null && plan.weightedNodes().contains(conv.getName())) {
                return conv;
            }
        }
        return producer;
    }
}
