package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgewatch.compress.model.Tensors;
import java.util.List;
import java.util.Random;

/** Small detector-like float graphs built with the ONNX protobuf classes for the quantizer tests. */
final class TestModels {

    static final int SIZE = 16;
    static final long[] INPUT_SHAPE = {1, 3, SIZE, SIZE};

    private TestModels() {
    }

    /**
     * input -> Conv1+Relu -> MaxPool -> Conv2 -> LeakyRelu -> Conv3 (head) -> Sigmoid -> "scores". Nodes conv1 and
     * relu1 have empty names on purpose (converted graphs often do).
     */
    static ModelProto detectorLike(long seed) {
        Random r = new Random(seed);
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny");
        g.addInput(value("input", INPUT_SHAPE));
        g.addOutput(value("scores", new long[] {1, 4, SIZE / 2, SIZE / 2}));
        addConv(g, r, "", "input", "c1", 3, 8, 3);
        g.addNode(node("Relu", "", List.of("c1"), "r1"));
        g.addNode(node("MaxPool", "pool", List.of("r1"), "p1").toBuilder()
                .addAttribute(ints("kernel_shape", 2, 2)).addAttribute(ints("strides", 2, 2)).build());
        addConv(g, r, "conv2", "p1", "c2", 8, 8, 3);
        g.addNode(node("LeakyRelu", "leaky", List.of("c2"), "l2").toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                        .setF(0.1f)).build());
        addConv(g, r, "head", "l2", "c3", 8, 4, 1);
        g.addNode(node("Sigmoid", "sigmoid", List.of("c3"), "scores"));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("edgewatch-test").setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
    }

    static float[] randomInput(Random r) {
        float[] x = new float[(int) (INPUT_SHAPE[1] * SIZE * SIZE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 1.5);
        }
        return x;
    }

    private static void addConv(GraphProto.Builder g, Random r, String name, String in, String out, int cin,
            int cout, int k) {
        float[] w = new float[cout * cin * k * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() / Math.sqrt(cin * k * k));
        }
        float[] b = new float[cout];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (r.nextGaussian() * 0.1);
        }
        String wName = out + "_w";
        String bName = out + "_b";
        g.addInitializer(Tensors.floatTensor(wName, w, List.of((long) cout, (long) cin, (long) k, (long) k)));
        g.addInitializer(Tensors.floatTensor(bName, b, List.of((long) cout)));
        g.addNode(node("Conv", name, List.of(in, wName, bName), out).toBuilder()
                .addAttribute(ints("pads", k / 2, k / 2, k / 2, k / 2)).build());
    }

    static NodeProto node(String op, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output).build();
    }

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    static ValueInfoProto value(String name, long[] shape) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : shape) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(Tensors.FLOAT).setShape(s))).build();
    }
}
