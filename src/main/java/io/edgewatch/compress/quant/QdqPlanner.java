package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses nodes and tensors to quantize, following ONNX Runtime's CPU QDQ fusion rules:
 * <ul>
 * <li>Conv (and optionally MatMul/Gemm) with constant weights: DQ on every input, Q on the output. A Relu/Clip that
 * is the Conv's only consumer is folded in (Q after the activation; ORT drops it as redundant when zero point = 0).
 * <li>Data-movement ops (MaxPool, Resize, Reshape, Transpose, Slice, Split, ...) reuse their input's parameters:
 * ORT only removes their Q/DQ when both sides are equal.
 * <li>Ops with QLinear kernels (LeakyRelu, Sigmoid, Concat, Add, Mul, AveragePool, GlobalAveragePool) get their own
 * output parameters.
 * </ul>
 * A non-weighted op is quantized only when all its data inputs are already quantized, so int8 never starts inside
 * a shape computation. <b>Head-tail rule:</b> walking backwards from each graph output, every node reached before
 * (and including) the first Conv/MatMul/Gemm stays float; in other words a node stays float when one of its
 * outputs reaches a graph output without passing through another weighted op. That keeps the detector's last
 * convs, split, sigmoid/softmax and reshapes in float. Name overrides win over the rule.
 */
public final class QdqPlanner {

    private static final Set<String> WEIGHTED = Set.of("Conv", "MatMul", "Gemm");
    private static final Set<String> SAME_PARAMS = Set.of("MaxPool", "Resize", "Reshape", "Transpose", "Flatten",
            "Squeeze", "Unsqueeze", "Slice", "Gather", "Split", "Expand", "Tile");
    private static final Set<String> OWN_PARAMS = Set.of("LeakyRelu", "Sigmoid", "Concat", "Add", "Mul",
            "AveragePool", "GlobalAveragePool");
    private static final Set<String> ALL_INPUTS_DATA = Set.of("Concat", "Add", "Mul");

    private final QuantConfig config;

    public QdqPlanner(QuantConfig config) {
        this.config = config;
    }

    QuantPlan plan(Graph g) {
        Set<String> tail = config.keepTailFloat() ? tailNodes(g) : Set.of();
        Set<String> weighted = new LinkedHashSet<>();
        Set<String> others = new LinkedHashSet<>();
        LinkedHashSet<String> tensors = new LinkedHashSet<>();
        Map<String, String> shared = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        Set<String> folded = new LinkedHashSet<>();
        for (NodeProto n : g.proto().getNodeList()) {
            String name = n.getName();
            boolean wanted = !config.exclude().contains(name)
                    && (!tail.contains(name) || config.include().contains(name));
            if (!wanted || folded.contains(name)) {
                continue;
            }
            if (isQuantizableWeighted(n, g)) {
                weighted.add(name);
                tensors.add(n.getInput(0));
                NodeProto act = foldableActivation(n, g);
                String out = n.getOutput(0);
                if (act != null && !config.exclude().contains(act.getName())) {
                    folded.add(act.getName());
                    others.add(act.getName());
                    out = act.getOutput(0);
                }
                if (g.isGraphOutput(out)) {
                    warnings.add("node " + name + " produces graph output " + out + ": it cannot fuse to int8");
                } else {
                    tensors.add(out);
                }
            } else if (isQuantizableOther(n, g, tensors)) {
                others.add(name);
                for (String out : n.getOutputList()) {
                    tensors.add(out);
                    if (SAME_PARAMS.contains(n.getOpType())) {
                        shared.put(out, n.getInput(0));
                    }
                }
            }
        }
        return new QuantPlan(weighted, others, List.copyOf(tensors), shared, tail, warnings);
    }

    private boolean isQuantizableWeighted(NodeProto n, Graph g) {
        String op = n.getOpType();
        if (!WEIGHTED.contains(op) || (!op.equals("Conv") && !config.quantizeMatMul())) {
            return false;
        }
        if (n.getInputCount() < 2 || !g.isActivation(n.getInput(0))) {
            return false;
        }
        TensorProto w = g.initializer(n.getInput(1));
        if (w == null || w.getDataType() != Tensors.FLOAT) {
            return false;
        }
        boolean biasOk = n.getInputCount() < 3 || n.getInput(2).isEmpty() || g.isInitializer(n.getInput(2));
        return biasOk && (op.equals("Conv") ? w.getDimsCount() >= 3 : w.getDimsCount() == 2 && gemmPlain(n));
    }

    private static boolean gemmPlain(NodeProto n) {
        for (var a : n.getAttributeList()) {
            boolean bad = switch (a.getName()) {
                case "alpha", "beta" -> a.getF() != 1f;
                case "transA" -> a.getI() != 0;
                default -> false;
            };
            if (bad) {
                return false;
            }
        }
        return true;
    }

    /** A Relu/Clip that is the Conv's only consumer, so ORT can fold it into the int8 Conv. */
    private static NodeProto foldableActivation(NodeProto conv, Graph g) {
        String out = conv.getOutput(0);
        List<NodeProto> cons = g.consumers(out);
        if (cons.size() != 1 || g.isGraphOutput(out)) {
            return null;
        }
        NodeProto c = cons.get(0);
        boolean constClip = c.getOpType().equals("Clip") && c.getInputList().stream().skip(1)
                .allMatch(t -> t.isEmpty() || g.isInitializer(t));
        return c.getOpType().equals("Relu") || constClip ? c : null;
    }

    private static boolean isQuantizableOther(NodeProto n, Graph g, Set<String> quantized) {
        String op = n.getOpType();
        if (!SAME_PARAMS.contains(op) && !OWN_PARAMS.contains(op)) {
            return false;
        }
        if (n.getOutputCount() != 1 && !op.equals("Split")) {
            return false;
        }
        for (String out : n.getOutputList()) {
            if (g.isGraphOutput(out)) {
                return false;
            }
        }
        List<String> data = ALL_INPUTS_DATA.contains(op) ? n.getInputList() : n.getInputList().subList(0, 1);
        return !data.isEmpty() && data.stream().allMatch(quantized::contains);
    }

    /** Nodes reached backwards from graph outputs, stopping at (and including) the first weighted op. */
    static Set<String> tailNodes(Graph g) {
        Set<String> tail = new LinkedHashSet<>();
        Deque<NodeProto> work = new ArrayDeque<>();
        for (var out : g.proto().getOutputList()) {
            NodeProto p = g.producer(out.getName());
            if (p != null) {
                work.push(p);
            }
        }
        while (!work.isEmpty()) {
            NodeProto n = work.pop();
            if (!tail.add(n.getName()) || WEIGHTED.contains(n.getOpType())) {
                continue;
            }
            for (String in : n.getInputList()) {
                NodeProto p = in.isEmpty() ? null : g.producer(in);
                if (p != null) {
                    work.push(p);
                }
            }
        }
        return tail;
    }
}
