package io.edgewatch.compress.quant;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgewatch.detect.OrtSessions;
import java.nio.FloatBuffer;
import java.util.Map;

/** Small ONNX Runtime helpers shared by calibration, fusion check and the layer report. */
final class OrtModels {

    private OrtModels() {
    }

    static OrtSession.SessionOptions options(int threads, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        return OrtSessions.options(threads, level);
    }

    /** The single input's name and fixed shape; fails for dynamic shapes. */
    static Map.Entry<String, long[]> singleInput(OrtSession session) throws OrtException {
        if (session.getNumInputs() != 1) {
            throw new IllegalArgumentException("model must have exactly one input, has " + session.getNumInputs());
        }
        var e = session.getInputInfo().entrySet().iterator().next();
        long[] shape = ((ai.onnxruntime.TensorInfo) e.getValue().getInfo()).getShape();
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("model input " + e.getKey() + " has a dynamic shape");
            }
        }
        return Map.entry(e.getKey(), shape);
    }

    static OnnxTensor tensor(OrtEnvironment env, float[] data, long[] shape) throws OrtException {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (data.length != n) {
            throw new IllegalArgumentException("input has " + data.length + " values, model expects " + n);
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
    }

    /** Copies a float output tensor's values. */
    static float[] floats(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }
}
