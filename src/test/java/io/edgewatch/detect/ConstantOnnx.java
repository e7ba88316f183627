package io.edgewatch.detect;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds tiny ONNX models whose outputs are known constant tensors (Constant nodes) behind a real image
 * input, so a real ONNX Runtime session feeds each decoder exactly the layout a real export has.
 */
final class ConstantOnnx {
    private final int[] inputShape;
    private final boolean uint8Input;
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private ConstantOnnx(int[] inputShape, boolean uint8Input) {
        this.inputShape = inputShape;
        this.uint8Input = uint8Input;
    }

    static ConstantOnnx floatInput(int... shape) {
        return new ConstantOnnx(shape, false);
    }

    static ConstantOnnx uint8Input(int... shape) {
        return new ConstantOnnx(shape, true);
    }

    ConstantOnnx output(String name, float[] data, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " values for " + n + " elements");
        }
        shapes.put(name, shape);
        values.put(name, data);
        return this;
    }

    ConstantOnnx metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    Path write(Path dir, String fileName) {
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("constants");
        g.addInput(valueInfo("images", inputShape, uint8Input ? OnnxMl.TensorProto.DataType.UINT8
                : OnnxMl.TensorProto.DataType.FLOAT));
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            int[] shape = shapes.get(e.getKey());
            g.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Constant").setName("const_" + e.getKey())
                    .addOutput(e.getKey()).addAttribute(OnnxMl.AttributeProto.newBuilder().setName("value")
                            .setType(OnnxMl.AttributeProto.AttributeType.TENSOR).setT(tensor(shape, e.getValue()))));
            g.addOutput(valueInfo(e.getKey(), shape, OnnxMl.TensorProto.DataType.FLOAT));
        }
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("edgewatch-test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g);
        metadata.forEach((k, v) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        Path file = dir.resolve(fileName);
        try {
            Files.write(file, m.build().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static OnnxMl.TensorProto tensor(int[] shape, float[] data) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder()
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber());
        for (int d : shape) {
            b.addDims(d);
        }
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(data);
        return b.setRawData(ByteString.copyFrom(buf.array())).build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, int[] shape, OnnxMl.TensorProto.DataType type) {
        OnnxMl.TensorShapeProto.Builder sb = OnnxMl.TensorShapeProto.newBuilder();
        for (int d : shape) {
            sb.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(sb)))
                .build();
    }
}
