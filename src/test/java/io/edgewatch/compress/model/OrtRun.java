package io.edgewatch.compress.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.detect.NanoDetPreprocessor;
import io.edgewatch.detect.OrtSessions;
import io.edgewatch.ingest.VideoFrame;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: runs a NanoDet-shaped model in ONNX Runtime on a real preprocessed frame of the bundled clip. */
public final class OrtRun {
    private OrtRun() {}

    /** Frame {@code index} of test-videos/vtest-people.mp4 as NanoDet input [1,3,416,416]. */
    public static float[] realInput(int index) throws Exception {
        List<VideoFrame> f = FrameSampler.read("test-videos/vtest-people.mp4", new FrameSampler.Selection(index, 1, 1),
                s -> { });
        NanoDetPreprocessor p = new NanoDetPreprocessor(416);
        FloatBuffer b = p.fill(f.get(0));
        float[] x = new float[b.remaining()];
        b.get(x);
        return x;
    }

    public static Map<String, float[]> run(ModelProto model, float[] input) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = OrtSessions.options(2)) {
            try (OrtSession s = env.createSession(model.toByteArray(), o);
                    OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, 3, 416, 416});
                    OrtSession.Result r = s.run(Map.of(s.getInputNames().iterator().next(), x))) {
                Map<String, float[]> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : r) {
                    FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] v = new float[fb.remaining()];
                    fb.get(v);
                    out.put(e.getKey(), v);
                }
                return out;
            }
        }
    }

    /** Largest absolute difference over all outputs of the same name. */
    public static double maxAbsDiff(Map<String, float[]> a, Map<String, float[]> b) {
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            if (y == null || y.length != x.length) {
                throw new AssertionError("output " + k + " differs in presence or size");
            }
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }
}
