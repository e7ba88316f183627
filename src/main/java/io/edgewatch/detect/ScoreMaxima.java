package io.edgewatch.detect;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.edgewatch.config.CocoNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Adds each NanoDet score tensor's maximum per cell to the graph, as extra outputs [1,N] (a ReduceMax over the
 * classes, run by ONNX Runtime in ≈ 0.06 ms for the three levels at 416²), so that the decoder reads N maxima and
 * only the few cells above the threshold in full, instead of N × 80 scores in Java (≈ 0.5 ms per frame under the
 * daemon's C1 JIT, several times that on a Pi). The model file is not changed: the session is built from the
 * amended bytes. Graphs that do not have NanoDet's six static per-stride outputs are left alone.
 */
final class ScoreMaxima {
    /** Suffix of the added outputs' names. */
    static final String SUFFIX = ":edgewatch_max";
    private static final int REDUCE_AXES_AS_INPUT_OPSET = 18;
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;

    private ScoreMaxima() {}

    /** The model with the maxima added, or empty if it is not NanoDet-shaped (or not parsable: ORT will say why). */
    static Optional<byte[]> amend(byte[] onnx, int fallbackSize) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
        GraphProto graph = model.getGraph();
        List<String> scores = scoreOutputs(graph, inputSize(graph, fallbackSize));
        if (scores.isEmpty()) {
            return Optional.empty();
        }
        boolean axesAsInput = opset(model) >= REDUCE_AXES_AS_INPUT_OPSET;
        GraphProto.Builder g = graph.toBuilder();
        String axes = "edgewatch_classes_axis";
        if (axesAsInput) {
            g.addInitializer(TensorProto.newBuilder().setName(axes).setDataType(TensorProto.DataType.INT64_VALUE)
                    .addDims(1).addInt64Data(2));
        }
        for (String s : scores) {
            NodeProto.Builder n = NodeProto.newBuilder().setOpType("ReduceMax").setName(s + SUFFIX).addInput(s)
                    .addOutput(s + SUFFIX)
                    .addAttribute(AttributeProto.newBuilder().setName("keepdims")
                            .setType(AttributeProto.AttributeType.INT).setI(0));
            if (axesAsInput) {
                n.addInput(axes);
            } else {
                n.addAttribute(AttributeProto.newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS)
                        .addInts(2));
            }
            g.addNode(n);
            g.addOutput(ValueInfoProto.newBuilder().setName(s + SUFFIX).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT))));
        }
        return Optional.of(model.toBuilder().setGraph(g).build().toByteArray());
    }

    /** The three score outputs [1,N,C] (C ≠ 44), one per stride, beside three bin outputs [1,N,44]; else empty. */
    private static List<String> scoreOutputs(GraphProto graph, int size) {
        if (graph.getOutputCount() != 6 || size <= 0 || size % 32 != 0) {
            return List.of();
        }
        String[] scores = new String[NanoDetDecoder.STRIDES.length];
        int bins = 0;
        for (ValueInfoProto o : graph.getOutputList()) {
            long[] d = staticShape(o);
            if (d == null || d.length != 3 || d[0] != 1 || o.getType().getTensorType().getElemType() != FLOAT) {
                return List.of();
            }
            int level = levelOf(d[1], size);
            if (level < 0) {
                return List.of();
            }
            if (d[2] == NanoDetDecoder.SIDES * NanoDetDecoder.BINS) {
                bins++;
            } else if (scores[level] == null && d[2] >= 1 && d[2] <= CocoNames.size()) {
                scores[level] = o.getName();
            } else {
                return List.of();
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : scores) {
            if (s == null) {
                return List.of();
            }
            out.add(s);
        }
        return bins == 3 ? out : List.of();
    }

    private static int levelOf(long cells, int size) {
        for (int level = 0; level < NanoDetDecoder.STRIDES.length; level++) {
            long grid = size / NanoDetDecoder.STRIDES[level];
            if (cells == grid * grid) {
                return level;
            }
        }
        return -1;
    }

    /** The image input's side if static and square, else {@code fallback}. */
    private static int inputSize(GraphProto graph, int fallback) {
        Set<String> weights = new HashSet<>();
        graph.getInitializerList().forEach(t -> weights.add(t.getName()));
        for (ValueInfoProto in : graph.getInputList()) {
            if (weights.contains(in.getName())) {
                continue;
            }
            long[] d = staticShape(in);
            return d != null && d.length == 4 && d[2] == d[3] && d[2] > 0 ? (int) d[2] : fallback;
        }
        return fallback;
    }

    /** The dimensions, or null if any is symbolic or missing. */
    private static long[] staticShape(ValueInfoProto v) {
        if (!v.getType().hasTensorType() || !v.getType().getTensorType().hasShape()) {
            return null;
        }
        TensorShapeProto shape = v.getType().getTensorType().getShape();
        long[] d = new long[shape.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            if (!shape.getDim(i).hasDimValue()) {
                return null;
            }
            d[i] = shape.getDim(i).getDimValue();
        }
        return d;
    }

    private static long opset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                return o.getVersion();
            }
        }
        return 0;
    }
}
