package io.edgewatch.compress.lowrank;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.model.OrtRun;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SVD factorisation of NanoDet-m's 1×1 (and k×k) convs, checked in ONNX Runtime on a real frame. */
class LowRankFactorizerTest {
    static ModelProto fp32;
    static float[] input;
    static Map<String, float[]> reference;

    @BeforeAll
    static void load() throws Exception {
        fp32 = OnnxFiles.read(Path.of("models/nanodet-m-416.onnx"));
        input = OrtRun.realInput(40);
        reference = OrtRun.run(fp32, input);
    }

    @Test
    void fullRankReproducesTheOutputs() throws Exception {
        LowRankOptions full = LowRankOptions.ratio(1.0).withOnlyIfSmaller(false).withSkipHeadTail(false);
        LowRankFactorizer.Result r = new LowRankFactorizer(full).factorise(fp32);
        assertThat(r.layers()).hasSize(6).allMatch(LowRankFactorizer.Layer::factorised);
        long convs = r.model().getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).count();
        assertThat(convs).isEqualTo(34 + 6);
        assertThat(OrtRun.maxAbsDiff(reference, OrtRun.run(r.model(), input))).isLessThan(1e-4);
    }

    @Test
    void lowerRankCutsParametersAsComputed() throws Exception {
        LowRankFactorizer.Result r = new LowRankFactorizer(LowRankOptions.ratio(0.25)).factorise(fp32);
        assertThat(r.layers()).extracting(LowRankFactorizer.Layer::node).containsExactly(
                "PartitionedCall/convolution_25", "PartitionedCall/convolution_26", "PartitionedCall/convolution_27");
        for (LowRankFactorizer.Layer l : r.layers()) {
            assertThat(l.rank()).isEqualTo(32);
            assertThat(l.paramsAfter()).isEqualTo(32L * (l.rows() + l.cols()));
        }
        long before = weightParams(fp32);
        long after = weightParams(r.model());
        assertThat(before - after).isEqualTo(r.paramsBefore() - r.paramsAfter()).isPositive();
        Map<String, float[]> out = OrtRun.run(r.model(), input);
        assertThat(out.keySet()).isEqualTo(reference.keySet());
    }

    @Test
    void energyThresholdPicksTheSmallestSufficientRank() {
        LowRankOptions o = LowRankOptions.energy(0.9);
        assertThat(o.rank(new double[] {3, 1, 1, 0.1})).isEqualTo(2); // 9+1=10 of 11.01 = 0.908
        assertThat(o.rank(new double[] {1, 1, 1, 1})).isEqualTo(4);
        assertThat(LowRankOptions.ratio(0.5).rank(new double[] {5, 4, 3})).isEqualTo(2);
    }

    @Test
    void spatialConvsFactoriseToo() throws Exception {
        LowRankFactorizer.Result r = new LowRankFactorizer(LowRankOptions.ratio(1.0).withSpatial(true)
                .withOnlyIfSmaller(false).withSkipHeadTail(false)).factorise(fp32);
        assertThat(r.layers()).hasSize(34);
        assertThat(OrtRun.maxAbsDiff(reference, OrtRun.run(r.model(), input))).isLessThan(1e-3);
    }

    private static long weightParams(ModelProto m) {
        Graph g = new Graph(m.getGraph());
        long n = 0;
        for (NodeProto node : g.weightedNodes()) {
            n += g.initializer(node.getInput(1)).getDimsList().stream().mapToLong(Long::longValue)
                    .reduce(1, (a, b) -> a * b);
        }
        return n;
    }
}
