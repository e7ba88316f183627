package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** Reading and writing ONNX initializers (raw little-endian data or typed repeated fields). */
final class Tensors {

    static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    static final int UINT8 = TensorProto.DataType.UINT8.getNumber();
    static final int INT8 = TensorProto.DataType.INT8.getNumber();
    static final int INT32 = TensorProto.DataType.INT32.getNumber();

    private Tensors() {
    }

    static float[] floats(TensorProto t) {
        if (t.getDataType() != FLOAT) {
            throw new IllegalArgumentException("initializer " + t.getName() + " is not float32 (type "
                    + t.getDataType() + ")");
        }
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("initializer " + t.getName() + " uses external data: unsupported");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / Float.BYTES];
            b.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[t.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.getFloatData(i);
        }
        return out;
    }

    static TensorProto floatTensor(String name, float[] values, List<Long> dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return raw(name, FLOAT, dims, b.array());
    }

    static TensorProto int32Tensor(String name, int[] values, List<Long> dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return raw(name, INT32, dims, b.array());
    }

    static TensorProto byteTensor(String name, int dataType, byte[] values, List<Long> dims) {
        return raw(name, dataType, dims, values);
    }

    static TensorProto floatScalar(String name, float v) {
        return floatTensor(name, new float[] {v}, List.of());
    }

    static TensorProto uint8Scalar(String name, int v) {
        return raw(name, UINT8, List.of(), new byte[] {(byte) v});
    }

    private static TensorProto raw(String name, int dataType, List<Long> dims, byte[] data) {
        return TensorProto.newBuilder().setName(name).setDataType(dataType).addAllDims(dims)
                .setRawData(ByteString.copyFrom(data)).build();
    }

    /** A graph output/value declaration of element type float with unknown shape. */
    static ValueInfoProto floatValueInfo(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT))).build();
    }
}
