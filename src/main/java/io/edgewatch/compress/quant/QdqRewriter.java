package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the QDQ model: a QuantizeLinear/DequantizeLinear pair (uint8, per-tensor) after every planned activation
 * tensor, whose consumers then read the dequantized value; int8 weights with a (per-channel, axis 0)
 * DequantizeLinear; int32 bias with scale {@code s_in * s_w} (ORT's Conv QDQ selector requires every Conv input
 * to come from a DQ and the bias DQ to be int32, so a float bias would block the fusion).
 */
final class QdqRewriter {

    private final Graph g;
    private final QuantPlan plan;
    private final Map<String, QuantParams> params;
    private final QuantConfig config;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> inits = new ArrayList<>();
    private final Map<String, String> dequantized = new HashMap<>();

    QdqRewriter(Graph g, QuantPlan plan, Map<String, QuantParams> params, QuantConfig config) {
        this.g = g;
        this.plan = plan;
        this.params = params;
        this.config = config;
    }

    ModelProto rewrite(ModelProto model) {
        Set<String> planned = new HashSet<>(plan.tensors());
        for (var in : g.proto().getInputList()) {
            if (planned.contains(in.getName())) {
                emitQdq(in.getName());
            }
        }
        for (NodeProto n : g.proto().getNodeList()) {
            NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < b.getInputCount(); i++) {
                String d = dequantized.get(b.getInput(i));
                if (d != null) {
                    b.setInput(i, d);
                }
            }
            if (plan.weightedNodes().contains(n.getName())) {
                quantizeWeights(n, b);
            }
            nodes.add(b.build());
            for (String out : n.getOutputList()) {
                if (planned.contains(out)) {
                    emitQdq(out);
                }
            }
        }
        return model.toBuilder().setGraph(buildGraph()).build();
    }

    private GraphProto buildGraph() {
        GraphProto.Builder gb = g.proto().toBuilder().clearNode().addAllNode(nodes).addAllInitializer(inits);
        Set<String> referenced = new HashSet<>();
        nodes.forEach(n -> referenced.addAll(n.getInputList()));
        gb.getOutputList().forEach(o -> referenced.add(o.getName()));
        List<TensorProto> keep = gb.getInitializerList().stream().filter(t -> referenced.contains(t.getName()))
                .toList();
        Set<String> keptNames = new HashSet<>();
        keep.forEach(t -> keptNames.add(t.getName()));
        var inputs = gb.getInputList().stream()
                .filter(v -> !g.isInitializer(v.getName()) || keptNames.contains(v.getName())).toList();
        return gb.clearInitializer().addAllInitializer(keep).clearInput().addAllInput(inputs).build();
    }

    private void emitQdq(String tensor) {
        QuantParams p = params.get(plan.paramsOwner(tensor));
        String q = tensor + "_quantized";
        String dq = tensor + "_dequantized";
        String scale = tensor + "_scale";
        String zp = tensor + "_zero_point";
        inits.add(Tensors.floatScalar(scale, p.scale()));
        inits.add(Tensors.uint8Scalar(zp, p.zeroPoint()));
        nodes.add(node("QuantizeLinear", tensor + "_QuantizeLinear", List.of(tensor, scale, zp), q, null));
        nodes.add(node("DequantizeLinear", tensor + "_DequantizeLinear", List.of(q, scale, zp), dq, null));
        dequantized.put(tensor, dq);
    }

    private void quantizeWeights(NodeProto n, NodeProto.Builder b) {
        TensorProto w = g.initializer(n.getInput(1));
        boolean conv = n.getOpType().equals("Conv");
        boolean perChannel = conv && config.perChannel();
        int channels = perChannel ? (int) w.getDims(0) : 1;
        float[] wf = Tensors.floats(w);
        QuantParams[] wp = QuantMath.int8PerChannel(wf, channels, perChannel, config.reduceRange());
        String base = n.getName() + "_" + n.getInput(1);
        List<Long> scaleDims = perChannel ? List.of((long) channels) : List.of();
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = wp[c].scale();
        }
        inits.add(Tensors.byteTensor(base + "_quantized", Tensors.INT8, QuantMath.quantizeWeights(wf, wp),
                w.getDimsList()));
        inits.add(Tensors.floatTensor(base + "_scale", scales, scaleDims));
        inits.add(Tensors.byteTensor(base + "_zero_point", Tensors.INT8, new byte[channels], scaleDims));
        nodes.add(node("DequantizeLinear", base + "_DequantizeLinear",
                List.of(base + "_quantized", base + "_scale", base + "_zero_point"), base + "_dequantized",
                perChannel ? 0L : null));
        b.setInput(1, base + "_dequantized");
        if (n.getInputCount() > 2 && !n.getInput(2).isEmpty()) {
            b.setInput(2, quantizeBias(n, wp, perChannel));
        }
    }

    private String quantizeBias(NodeProto n, QuantParams[] wp, boolean perChannel) {
        TensorProto bias = g.initializer(n.getInput(2));
        float[] bf = Tensors.floats(bias);
        float inScale = params.get(plan.paramsOwner(n.getInput(0))).scale();
        QuantParams[] perBias = new QuantParams[bf.length];
        float[] scales = new float[bf.length];
        for (int c = 0; c < bf.length; c++) {
            perBias[c] = wp[perChannel ? c : 0];
            scales[c] = QuantMath.biasScale(inScale, perBias[c]);
        }
        String base = n.getName() + "_" + n.getInput(2);
        List<Long> dims = List.of((long) bf.length);
        inits.add(Tensors.int32Tensor(base + "_quantized", QuantMath.quantizeBias(bf, inScale, perBias), dims));
        inits.add(Tensors.floatTensor(base + "_scale", scales, dims));
        nodes.add(node("DequantizeLinear", base + "_DequantizeLinear", List.of(base + "_quantized", base + "_scale"),
                base + "_dequantized", 0L));
        return base + "_dequantized";
    }

    private static NodeProto node(String op, String name, List<String> inputs, String output, Long axis) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs)
                .addOutput(output);
        if (axis != null) {
            b.addAttribute(AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT)
                    .setI(axis));
        }
        return b.build();
    }
}
