package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.util.HashSet;
import java.util.Set;

/**
 * Preparation every quantization step relies on: unique non-empty node names and a default-domain opset of at
 * least 13 (per-channel DequantizeLinear). Raising the opset is refused for ops whose semantics changed on the way.
 */
public final class GraphPrep {

    static final int MIN_OPSET = 13;
    /** Ops whose attributes became inputs (or whose meaning changed) between opsets 11 and 13. */
    private static final Set<String> CHANGED_BEFORE_13 = Set.of("Split", "Squeeze", "Unsqueeze", "ReduceSum",
            "Softmax", "LogSoftmax", "Hardmax");

    private GraphPrep() {
    }

    public static ModelProto prepare(ModelProto model) {
        ModelProto named = ensureUniqueNames(model);
        return ensureOpset13(named);
    }

    /** Gives every node a unique non-empty name ({@code optype_index} for empty or duplicate ones). */
    public static ModelProto ensureUniqueNames(ModelProto model) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        Set<String> seen = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            seen.add(n.getName());
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < g.getNodeCount(); i++) {
            NodeProto n = g.getNode(i);
            String name = n.getName();
            if (name.isEmpty() || !used.add(name)) {
                String fresh = n.getOpType() + "_" + i;
                while (seen.contains(fresh) || used.contains(fresh)) {
                    fresh = fresh + "_";
                }
                used.add(fresh);
                g.setNode(i, n.toBuilder().setName(fresh));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    public static int defaultOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return (int) o.getVersion();
            }
        }
        throw new IllegalArgumentException("model has no default-domain opset import");
    }

    /** Raises the default opset to 13 when no node depends on the older semantics; fails clearly otherwise. */
    public static ModelProto ensureOpset13(ModelProto model) {
        int opset = defaultOpset(model);
        if (opset >= MIN_OPSET) {
            return model;
        }
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (CHANGED_BEFORE_13.contains(n.getOpType())) {
                throw new IllegalArgumentException("model opset " + opset + " < 13 and node " + n.getName() + " ("
                        + n.getOpType() + ") changed semantics by opset 13: convert the model to opset >= 13 first");
            }
        }
        ModelProto.Builder b = model.toBuilder();
        for (int i = 0; i < b.getOpsetImportCount(); i++) {
            OperatorSetIdProto o = b.getOpsetImport(i);
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                b.setOpsetImport(i, o.toBuilder().setVersion(MIN_OPSET));
            }
        }
        return b.setIrVersion(Math.max(b.getIrVersion(), 7)).build();
    }
}
