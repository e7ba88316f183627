package io.edgewatch.compress.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only lookups over one graph (producers, consumers, initializers, graph inputs and outputs) plus node attribute
 * helpers; the one graph index of every compression tool.
 */
public final class Graph {
    private static final Set<String> WEIGHTED = Set.of("Conv", "MatMul", "Gemm");
    private final GraphProto graph;
    private final Map<String, NodeProto> producer = new HashMap<>();
    private final Map<String, List<NodeProto>> consumers = new HashMap<>();
    private final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    private final Set<String> outputs = new HashSet<>();
    private final Set<String> inputs = new HashSet<>();

    public Graph(GraphProto graph) {
        this.graph = graph;
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        for (NodeProto n : graph.getNodeList()) {
            n.getOutputList().forEach(o -> producer.put(o, n));
            for (String in : n.getInputList()) {
                if (!in.isEmpty()) {
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        graph.getOutputList().forEach(v -> outputs.add(v.getName()));
        graph.getInputList().stream().map(ValueInfoProto::getName).filter(n -> !initializers.containsKey(n))
                .forEach(inputs::add);
    }

    public GraphProto proto() { return graph; }

    public NodeProto producer(String tensor) { return producer.get(tensor); }

    public List<NodeProto> consumers(String tensor) { return consumers.getOrDefault(tensor, List.of()); }

    public TensorProto initializer(String name) { return initializers.get(name); }

    public boolean isInitializer(String name) { return initializers.containsKey(name); }

    public boolean isGraphOutput(String tensor) { return outputs.contains(tensor); }

    /** A real graph input (old opsets also list initializers as inputs; those are not counted). */
    public boolean isGraphInput(String tensor) { return inputs.contains(tensor); }

    /** Whether the tensor is a computed value (node output or real graph input), not a constant. */
    public boolean isActivation(String tensor) {
        if (tensor.isEmpty() || isInitializer(tensor)) {
            return false;
        }
        NodeProto p = producer.get(tensor);
        return p != null ? !p.getOpType().equals("Constant") : isGraphInput(tensor);
    }

    public List<NodeProto> nodes() { return graph.getNodeList(); }

    /** Conv/MatMul/Gemm nodes whose second input (the weight) is a float initializer. */
    public List<NodeProto> weightedNodes() {
        List<NodeProto> out = new ArrayList<>();
        for (NodeProto n : graph.getNodeList()) {
            if (WEIGHTED.contains(n.getOpType()) && n.getInputCount() > 1) {
                TensorProto w = initializers.get(n.getInput(1));
                if (w != null && w.getDataType() == Tensors.FLOAT) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Weighted nodes from whose output a graph output is reachable without another weighted node: the head tail. */
    public Set<String> headTail() {
        Set<String> tail = new LinkedHashSet<>();
        for (NodeProto n : weightedNodes()) {
            Deque<String> todo = new ArrayDeque<>(n.getOutputList());
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String t = todo.pop();
                if (!seen.add(t)) {
                    continue;
                }
                if (outputs.contains(t)) {
                    tail.add(n.getName());
                    break;
                }
                for (NodeProto c : consumers(t)) {
                    if (!WEIGHTED.contains(c.getOpType())) {
                        todo.addAll(c.getOutputList());
                    }
                }
            }
        }
        return tail;
    }

    /** Depthwise: a Conv whose group equals its input channels (weight dim 1 == 1 and group > 1). */
    public boolean isDepthwise(NodeProto n) {
        if (!n.getOpType().equals("Conv")) {
            return false;
        }
        long group = attrInt(n, "group", 1);
        TensorProto w = initializers.get(n.getInput(1));
        return group > 1 && w != null && w.getDims(1) == 1;
    }

    public static long attrInt(NodeProto n, String name, long dflt) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getI();
            }
        }
        return dflt;
    }

    public static List<Long> attrInts(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a.getIntsList();
            }
        }
        return List.of();
    }

    /** The node with an int attribute set (replaced if present). */
    public static NodeProto withAttr(NodeProto n, String name, long value) {
        NodeProto.Builder b = n.toBuilder().clearAttribute();
        for (AttributeProto a : n.getAttributeList()) {
            if (!a.getName().equals(name)) {
                b.addAttribute(a);
            }
        }
        return b.addAttribute(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                .setI(value)).build();
    }

    /** Graph output names, in order. */
    public List<String> outputNames() {
        return graph.getOutputList().stream().map(ValueInfoProto::getName).toList();
    }
}
