package io.edgewatch.compress.gate;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.quant.LayerError;
import io.edgewatch.compress.quant.QuantPlan;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FloatFallbackTest {

    /** x -> convA -> a -> Relu -> ar -> convB -> b -> LeakyRelu -> c -> Sigmoid (float tail) -> y. */
    private static Graph chain() {
        GraphProto.Builder g = GraphProto.newBuilder();
        g.addNode(node("convA", "Conv", "x", "a"));
        g.addNode(node("reluA", "Relu", "a", "ar"));
        g.addNode(node("convB", "Conv", "ar", "b"));
        g.addNode(node("leaky", "LeakyRelu", "b", "c"));
        g.addNode(node("tail", "Sigmoid", "c", "y"));
        return new Graph(g.build());
    }

    private static NodeProto node(String name, String op, String in, String out) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addInput(in).addOutput(out).build();
    }

    private static final QuantPlan PLAN = new QuantPlan(Set.of("convA", "convB"), Set.of("reluA", "leaky"),
            List.of("x", "ar", "b", "c"), Map.of(), Set.of("tail"), List.of());

    @Test
    void ranksByAddedErrorNotByAccumulatedError() {
        // Accumulated error grows downstream (c > b > ar), but convA adds the most (0.30), convB 0.15, leaky 0.05.
        List<LayerError> report = List.of(err("c", 0.50), err("b", 0.45), err("ar", 0.30), err("x", 0.0));
        assertThat(FloatFallback.order(report, chain(), PLAN)).containsExactly("convA", "convB", "leaky");
    }

    @Test
    void aFoldedReluStandsForItsConvAndFloatNodesAreNeverProposed() {
        List<LayerError> report = List.of(err("y", 0.9), err("ar", 0.2));
        assertThat(FloatFallback.order(report, chain(), PLAN)).containsExactly("convA");
    }

    private static LayerError err(String tensor, double relL2) {
        return new LayerError(tensor, tensor + "_dequantized", relL2, 1 - relL2, relL2);
    }
}
