package io.edgewatch.compress.importer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.edgewatch.detect.OrtSessions;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Clean-up passes on small TF-shaped graphs: the op mix shrinks and ORT computes the same values. */
class GraphPassesTest {

    private static final long[] TO_NHWC = {0, 2, 3, 1};
    private static final long[] TO_NCHW = {0, 3, 1, 2};
    private final Random rnd = new Random(7);

    /** input → Pad(-inf) → MaxPool → Pad(0) → grouped Conv → (NHWC) + bias → LeakyRelu, as ONNX→TF leaves it. */
    private OnnxGraph tfShaped(float poolPadValue) {
        OnnxGraph g = new OnnxGraph();
        g.inputs.add("x");
        g.shapes.put("x", new int[] {1, 4, 9, 9});
        String p1 = pad(g, "x", poolPadValue);
        String t1 = node(g, "Transpose", List.of(p1), "perm", TO_NHWC);
        String t2 = node(g, "Transpose", List.of(t1), "perm", TO_NCHW);
        String mp = node(g, "MaxPool", List.of(t2), "kernel_shape", new long[] {3, 3}, "strides", new long[] {2, 2},
                "pads", new long[4]);
        String p2 = pad(g, mp, 0f);
        String w = g.addInitializer("w", Tensor.ofFloats(new int[] {6, 2, 3, 3}, random(6 * 2 * 9)));
        String conv = node(g, "Conv", List.of(p2, w), "group", 2L, "pads", new long[4],
                "strides", new long[] {1, 1}, "kernel_shape", new long[] {3, 3});
        String t3 = node(g, "Transpose", List.of(conv), "perm", TO_NHWC);
        String b = g.addInitializer("b", Tensor.ofFloats(new int[] {6}, random(6)));
        String add = node(g, "Add", List.of(t3, b));
        String t4 = node(g, "Transpose", List.of(add), "perm", TO_NCHW);
        String out = node(g, "LeakyRelu", List.of(t4), "alpha", 0.1f);
        g.outputs.add(out);
        return g;
    }

    @Test
    void foldsPadsBiasAndTransposesWithoutChangingResults() throws Exception {
        OnnxGraph g = tfShaped(Float.NEGATIVE_INFINITY);
        float[] x = random(4 * 81);
        float[] before = run(g, x);
        GraphPasses.runAll(g);
        assertThat(g.opHistogram()).containsOnlyKeys("MaxPool", "Conv", "LeakyRelu");
        float[] after = run(g, x);
        assertThat(NanodetReference.maxAbsDiff(before, after)).isLessThan(1e-5f);
    }

    @Test
    void zeroPadBeforeMaxPoolIsKept() throws Exception {
        OnnxGraph g = tfShaped(0f);
        float[] x = random(4 * 81);
        float[] before = run(g, x);
        GraphPasses.runAll(g);
        assertThat(g.opHistogram()).containsEntry("Pad", 1);
        assertThat(NanodetReference.maxAbsDiff(before, run(g, x))).isLessThan(1e-5f);
    }

    @Test
    void nodesGetUniqueNonEmptyNames() {
        OnnxGraph g = tfShaped(Float.NEGATIVE_INFINITY);
        g.nodes.forEach(n -> n.name = "");
        GraphPasses.nameNodes(g);
        assertThat(g.nodes).extracting(n -> n.name).doesNotContain("").doesNotHaveDuplicates();
    }

    private static String pad(OnnxGraph g, String x, float value) {
        String pads = g.addInitializer("pads", Tensor.longVector(0, 0, 1, 1, 0, 0, 1, 1));
        String v = g.addInitializer("v", Tensor.floatScalar(value));
        return node(g, "Pad", List.of(x, pads, v), "mode", "constant");
    }

    private static String node(OnnxGraph g, String op, List<String> in, Object... attrs) {
        String out = g.fresh(op.toLowerCase());
        OnnxGraph.Node n = new OnnxGraph.Node(op, out, in, List.of(out));
        for (int i = 0; i < attrs.length; i += 2) {
            n.attrs.put((String) attrs[i], attrs[i + 1]);
        }
        g.nodes.add(n);
        ShapeInference.infer(g, n);
        return out;
    }

    private float[] random(int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        return f;
    }

    private static float[] run(OnnxGraph g, float[] x) throws Exception {
        byte[] model = OnnxWriter.toModel(g, "t", "").toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions o = OrtSessions.options(1, OrtSession.SessionOptions.OptLevel.NO_OPT)) {
            try (OrtSession s = env.createSession(model, o);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 4, 9, 9});
                 OrtSession.Result r = s.run(Map.of("x", in))) {
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] out = new float[fb.remaining()];
                fb.get(out);
                return out;
            }
        }
    }
}
