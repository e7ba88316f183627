package io.edgewatch.compress.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX tensors for every compression tool: read float initializers (raw little-endian or typed data), build
 * float/int8/uint8/int32 initializers, swap initializers into a model by name, and expose inner tensors as outputs.
 */
public final class Tensors {
    public static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    public static final int UINT8 = TensorProto.DataType.UINT8.getNumber();
    public static final int INT8 = TensorProto.DataType.INT8.getNumber();
    public static final int INT32 = TensorProto.DataType.INT32.getNumber();

    private Tensors() {}

    public static float[] floats(TensorProto t) {
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

    /** A float32 initializer; the value count must match the dims (an empty dims list is a scalar). */
    public static TensorProto floatTensor(String name, float[] values, List<Long> dims) {
        checkCount(name, values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return raw(name, FLOAT, dims, b.array());
    }

    public static TensorProto int32Tensor(String name, int[] values, List<Long> dims) {
        checkCount(name, values.length, dims);
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return raw(name, INT32, dims, b.array());
    }

    /** An int8 or uint8 initializer. */
    public static TensorProto byteTensor(String name, int dataType, byte[] values, List<Long> dims) {
        checkCount(name, values.length, dims);
        return raw(name, dataType, dims, values);
    }

    public static TensorProto floatScalar(String name, float v) {
        return floatTensor(name, new float[] {v}, List.of());
    }

    public static TensorProto uint8Scalar(String name, int v) {
        return raw(name, UINT8, List.of(), new byte[] {(byte) v});
    }

    /** Same name and dims, new values. */
    public static TensorProto withValues(TensorProto t, float[] values) {
        return floatTensor(t.getName(), values, t.getDimsList());
    }

    /** The model with initializers replaced by name (initializers not in the map are kept as they are). */
    public static ModelProto replace(ModelProto model, Map<String, TensorProto> byName) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = byName.get(g.getInitializer(i).getName());
            if (t != null) {
                g.setInitializer(i, t);
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    /** A graph output/value declaration of element type float with unknown shape. */
    public static ValueInfoProto floatValueInfo(String name) {
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT))).build();
    }

    /** The model with the given tensors appended as (float) graph outputs, unless already outputs. */
    public static ModelProto withFloatOutputs(ModelProto model, Collection<String> tensors) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        Set<String> existing = new HashSet<>();
        g.getOutputList().forEach(v -> existing.add(v.getName()));
        for (String t : tensors) {
            if (existing.add(t)) {
                g.addOutput(floatValueInfo(t));
            }
        }
        return model.toBuilder().setGraph(g).build();
    }

    private static void checkCount(String name, int count, List<Long> dims) {
        long n = dims.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        if (n != count) {
            throw new IllegalArgumentException("tensor " + name + " has " + count + " values, dims " + dims);
        }
    }

    private static TensorProto raw(String name, int dataType, List<Long> dims, byte[] data) {
        return TensorProto.newBuilder().setName(name).setDataType(dataType).addAllDims(dims)
                .setRawData(ByteString.copyFrom(data)).build();
    }
}
