package io.edgewatch.compress.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Decodes one TF.js weight entry from the shard buffer: float32, int32, bool, and the quantised forms
 * (float16, and affine uint8/uint16 with scale/min). Everything float becomes float32.
 */
final class WeightDecoder {

    private WeightDecoder() {}

    static Tensor decode(JsonNode spec, ByteBuffer data) throws IOException {
        String name = spec.path("name").asText();
        int[] shape = TfAttrs.intList(spec.path("shape"));
        int n = Tensor.size(shape);
        String dtype = spec.path("dtype").asText();
        JsonNode q = spec.path("quantization");
        try {
            if (!q.isMissingNode()) {
                return quantised(q, dtype, shape, n, data);
            }
            switch (dtype) {
                case "float32": {
                    float[] f = new float[n];
                    data.asFloatBuffer().get(f);
                    data.position(data.position() + 4 * n);
                    return Tensor.ofFloats(shape, f);
                }
                case "int32": {
                    long[] l = new long[n];
                    for (int i = 0; i < n; i++) {
                        l[i] = data.getInt();
                    }
                    return Tensor.ofLongs(shape, l);
                }
                case "bool": {
                    long[] l = new long[n];
                    for (int i = 0; i < n; i++) {
                        l[i] = data.get() != 0 ? 1 : 0;
                    }
                    return Tensor.ofLongs(shape, l);
                }
                default:
                    throw new IOException("unsupported weight dtype " + dtype + " for " + name);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("weight data too short at " + name, e);
        }
    }

    private static Tensor quantised(JsonNode q, String dtype, int[] shape, int n, ByteBuffer data) throws IOException {
        String qtype = q.path("dtype").asText();
        float[] f = new float[n];
        if ("float16".equals(qtype)) {
            for (int i = 0; i < n; i++) {
                f[i] = halfToFloat(data.getShort());
            }
        } else if ("uint8".equals(qtype) || "uint16".equals(qtype)) {
            double scale = q.path("scale").asDouble();
            double min = q.path("min").asDouble();
            for (int i = 0; i < n; i++) {
                int v = "uint8".equals(qtype) ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
                f[i] = (float) (v * scale + min);
            }
        } else {
            throw new IOException("unsupported quantisation " + qtype);
        }
        if ("int32".equals(dtype)) {
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                l[i] = Math.round(f[i]);
            }
            return Tensor.ofLongs(shape, l);
        }
        return Tensor.ofFloats(shape, f);
    }

    /** IEEE 754 binary16 → binary32 (exact; Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            if (mant == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mant * 0x1p-24f; // subnormal: mant · 2^-24, exact in float32
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
