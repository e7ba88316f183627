package io.edgewatch.compress.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/** Float32 initializers: read (raw or typed data), build, and swap into a model by name. */
public final class Weights {
    public static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();

    private Weights() {}

    public static float[] floats(TensorProto t) {
        if (t.getDataType() != FLOAT) {
            throw new IllegalArgumentException("initializer " + t.getName() + " is not float32");
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

    public static TensorProto tensor(String name, float[] values, List<Long> dims) {
        long n = dims.stream().mapToLong(Long::longValue).reduce(1, (a, b) -> a * b);
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + " has " + values.length + " values, dims " + dims);
        }
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(FLOAT).addAllDims(dims)
                .setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** Same name and dims, new values. */
    public static TensorProto withValues(TensorProto t, float[] values) {
        return tensor(t.getName(), values, t.getDimsList());
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
}
