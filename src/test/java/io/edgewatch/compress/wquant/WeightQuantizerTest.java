package io.edgewatch.compress.wquant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.model.Tensors;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WeightQuantizerTest {

    @Test
    void linearFourBitsOnAKnownTensor() {
        // max 0.7, 4 bits -> qmax 7, scale 0.1
        float[] out = new WeightQuantizer(WeightQuantizer.Scheme.LINEAR, 4, Set.of())
                .apply(new float[] {0.7f, -0.7f, 0.26f, -0.04f, 0.05f, 0.349f}, 1);
        assertThat(out[0]).isCloseTo(0.7f, within(1e-6f));
        assertThat(out[1]).isCloseTo(-0.7f, within(1e-6f));
        assertThat(out[2]).isCloseTo(0.3f, within(1e-6f));
        assertThat(out[3]).isCloseTo(0f, within(1e-6f));
        assertThat(out[4]).isCloseTo(0.1f, within(1e-6f)); // 0.5 rounds half up
        assertThat(out[5]).isCloseTo(0.3f, within(1e-6f));
    }

    @Test
    void linearIsPerChannel() {
        float[] out = new WeightQuantizer(WeightQuantizer.Scheme.LINEAR, 2, Set.of())
                .apply(new float[] {1f, 0.4f, 100f, 60f}, 2);
        // 2 bits: qmax 1, levels {-max, 0, max} per channel
        assertThat(out).containsExactly(1f, 0f, 100f, 100f);
    }

    @Test
    void logFourBitsOnAKnownTensor() {
        // max 1.0 -> emax 0, 4 bits -> 7 levels 2^0 .. 2^-6; below 2^-7 -> 0
        float[] out = new WeightQuantizer(WeightQuantizer.Scheme.LOG2, 4, Set.of())
                .apply(new float[] {1f, -0.3f, 0.1f, 0.01f, 0.005f, 0.2f}, 1);
        assertThat(out).containsExactly(1f, -0.25f, 0.125f, 0.015625f, 0f, 0.25f);
    }

    @Test
    void everyLogLevelIsAPowerOfTwoAndThereAreAtMost2PowBLevels() throws Exception {
        ModelProto m = OnnxFiles.read(Path.of("models/nanodet-m-416.onnx"));
        ModelProto q = new WeightQuantizer(WeightQuantizer.Scheme.LOG2, 5, Set.of()).quantize(m);
        Graph g = new Graph(q.getGraph());
        String name = g.weightedNodes().get(3).getInput(1);
        float[] w = Tensors.floats(g.initializer(name));
        int per = w.length / (int) g.initializer(name).getDims(0);
        Set<Float> channel0 = new HashSet<>();
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                double e = Math.log(Math.abs(w[i])) / Math.log(2);
                assertThat(e).isCloseTo(Math.rint(e), within(1e-9));
            }
            if (i < per) {
                channel0.add(w[i]);
            }
        }
        assertThat(channel0.size()).isLessThanOrEqualTo(1 << 5);
        ModelProto lin = new WeightQuantizer(WeightQuantizer.Scheme.LINEAR, 8, Set.of()).quantize(m);
        float[] a = Tensors.floats(new Graph(m.getGraph()).initializer(name));
        float[] b = Tensors.floats(new Graph(lin.getGraph()).initializer(name));
        float max = 0;
        for (float v : a) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).isLessThanOrEqualTo(max / 127 / 2 * 1.0001f);
        }
    }
}
