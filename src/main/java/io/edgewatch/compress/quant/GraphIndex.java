package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Read-only lookups over one graph: producers, consumers, initializers, graph inputs and outputs. */
final class GraphIndex {

    private final GraphProto graph;
    private final Map<String, NodeProto> producer = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Set<String> graphOutputs = new HashSet<>();
    private final Set<String> graphInputs = new HashSet<>();

    GraphIndex(GraphProto graph) {
        this.graph = graph;
        for (TensorProto t : graph.getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        for (NodeProto n : graph.getNodeList()) {
            for (String out : n.getOutputList()) {
                producer.put(out, n);
            }
            for (String in : n.getInputList()) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        for (ValueInfoProto v : graph.getOutputList()) {
            graphOutputs.add(v.getName());
        }
        for (ValueInfoProto v : graph.getInputList()) {
            if (!initializers.containsKey(v.getName())) {
                graphInputs.add(v.getName());
            }
        }
    }

    GraphProto graph() {
        return graph;
    }

    NodeProto producer(String tensor) {
        return producer.get(tensor);
    }

    List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    TensorProto initializer(String name) {
        return initializers.get(name);
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    boolean isGraphOutput(String tensor) {
        return graphOutputs.contains(tensor);
    }

    boolean isGraphInput(String tensor) {
        return graphInputs.contains(tensor);
    }

    /** Whether the tensor is a computed value (node output or real graph input), not a constant. */
    boolean isActivation(String tensor) {
        return !tensor.isEmpty() && !isInitializer(tensor) && (producer.containsKey(tensor) || isGraphInput(tensor))
                && !isConstantNode(producer.get(tensor));
    }

    private static boolean isConstantNode(NodeProto n) {
        return n != null && n.getOpType().equals("Constant");
    }
}
