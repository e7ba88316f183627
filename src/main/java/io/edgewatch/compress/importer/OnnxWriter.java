package io.edgewatch.compress.importer;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/** Serialises an {@link OnnxGraph} to an ONNX ModelProto (IR 7, opset 13, float32 inputs/outputs). */
final class OnnxWriter {

    static final int OPSET = 13;
    private static final int IR_VERSION = 7;

    private OnnxWriter() {}

    static OnnxMl.ModelProto toModel(OnnxGraph g, String graphName, String docString) {
        OnnxMl.GraphProto.Builder gb = OnnxMl.GraphProto.newBuilder().setName(graphName);
        for (OnnxGraph.Node n : g.nodes) {
            OnnxMl.NodeProto.Builder nb = OnnxMl.NodeProto.newBuilder()
                    .setOpType(n.op).setName(n.name).addAllInput(n.inputs).addAllOutput(n.outputs);
            n.attrs.forEach((k, v) -> nb.addAttribute(attribute(k, v)));
            gb.addNode(nb);
        }
        for (Map.Entry<String, Tensor> e : g.initializers.entrySet()) {
            gb.addInitializer(tensor(e.getKey(), e.getValue()));
        }
        g.inputs.forEach(i -> gb.addInput(valueInfo(i, g.shapes.get(i))));
        g.outputs.forEach(o -> gb.addOutput(valueInfo(o, g.shapes.get(o))));
        return OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("edgewatch")
                .setDocString(docString)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(gb)
                .build();
    }

    private static OnnxMl.AttributeProto attribute(String name, Object v) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(name);
        if (v instanceof Long l) {
            b.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(l);
        } else if (v instanceof Float f) {
            b.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(f);
        } else if (v instanceof String s) {
            b.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(s));
        } else if (v instanceof long[] ls) {
            b.setType(OnnxMl.AttributeProto.AttributeType.INTS);
            for (long x : ls) {
                b.addInts(x);
            }
        } else if (v instanceof float[] fs) {
            b.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
            for (float x : fs) {
                b.addFloats(x);
            }
        } else {
            throw new IllegalArgumentException("unsupported attribute " + name + ": " + v);
        }
        return b.build();
    }

    /** Initializer with little-endian raw_data: FLOAT for float tensors, INT64 otherwise. */
    static OnnxMl.TensorProto tensor(String name, Tensor t) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(name);
        for (int d : t.shape()) {
            b.addDims(d);
        }
        ByteBuffer buf = ByteBuffer.allocate(t.count() * (t.isFloat() ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        if (t.isFloat()) {
            b.setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
            buf.asFloatBuffer().put(t.floats());
        } else {
            b.setDataType(OnnxMl.TensorProto.DataType.INT64.getNumber());
            buf.asLongBuffer().put(t.longs());
        }
        return b.setRawData(ByteString.copyFrom(buf.array())).build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int[] shape) {
        OnnxMl.TensorShapeProto.Builder sb = OnnxMl.TensorShapeProto.newBuilder();
        for (int d : shape) {
            sb.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.TypeProto.Tensor.Builder tb = OnnxMl.TypeProto.Tensor.newBuilder()
                .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(sb);
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tb)).build();
    }
}
