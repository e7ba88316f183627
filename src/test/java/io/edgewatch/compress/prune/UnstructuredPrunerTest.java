package io.edgewatch.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.model.Tensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unstructured pruning of the real NanoDet-m: figures measured from the written file. */
class UnstructuredPrunerTest {
    static final Path MODEL = Path.of("models/nanodet-m-416.onnx");
    static ModelProto fp32;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        fp32 = OnnxFiles.read(MODEL);
    }

    private ModelProto roundTrip(ModelProto m, String name) throws Exception {
        Path f = tmp.resolve(name);
        OnnxFiles.write(m, f);
        return OnnxFiles.read(f);
    }

    @Test
    void zeroSparsityIsTheIdentity() throws Exception {
        ModelProto out = roundTrip(new UnstructuredPruner(PruneOptions.magnitude(0)).prune(fp32), "p0.onnx");
        assertThat(out.toByteArray()).isEqualTo(fp32.toByteArray());
        for (TensorProto t : fp32.getGraph().getInitializerList()) {
            TensorProto o = new Graph(out.getGraph()).initializer(t.getName());
            assertThat(o.getRawData()).isEqualTo(t.getRawData());
        }
    }

    @Test
    void perLayerMagnitudeHitsTheTargetInEveryLayerAndKeepsTheLargestWeights() throws Exception {
        UnstructuredPruner p = new UnstructuredPruner(PruneOptions.magnitude(0.6));
        List<String> targets = p.targets(fp32);
        ModelProto out = roundTrip(p.prune(fp32), "p60.onnx");
        Sparsity s = Sparsity.measure(out);
        Graph before = new Graph(fp32.getGraph());
        for (String w : targets) {
            Sparsity.Layer l = s.layer(w);
            assertThat(l.zeros()).as(w).isEqualTo(Math.round(0.6 * l.total()));
            float[] a = Tensors.floats(before.initializer(w));
            float[] b = Tensors.floats(new Graph(out.getGraph()).initializer(w));
            float maxKept = 0;
            float maxPruned = 0;
            for (int i = 0; i < a.length; i++) {
                if (b[i] == 0) {
                    maxPruned = Math.max(maxPruned, Math.abs(a[i]));
                } else {
                    assertThat(b[i]).isEqualTo(a[i]);
                    maxKept = Math.max(maxKept, Math.abs(a[i]));
                }
            }
            assertThat(maxPruned).as(w).isLessThanOrEqualTo(maxKept);
        }
        assertThat(s.overall(targets)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(s.deflatedBytes()).isLessThan(Sparsity.measure(fp32).deflatedBytes() * 7 / 10);
    }

    @Test
    void headTailAndExcludedLayersStayDense() {
        Graph g = new Graph(fp32.getGraph());
        assertThat(g.headTail()).containsExactlyInAnyOrder("PartitionedCall/convolution_29",
                "PartitionedCall/convolution_31", "PartitionedCall/convolution_33");
        PruneOptions o = PruneOptions.magnitude(0.5).withSkips(true, true, Set.of("PartitionedCall/convolution"));
        List<String> targets = new UnstructuredPruner(o).targets(fp32);
        assertThat(targets).hasSize(34 - 4).doesNotContain("PartitionedCall/convolution/W",
                "PartitionedCall/convolution_29/W");
        Sparsity s = Sparsity.measure(new UnstructuredPruner(o).prune(fp32));
        assertThat(s.layer("PartitionedCall/convolution_29/W").zeros()).isZero();
        assertThat(s.layer("PartitionedCall/convolution/W").zeros()).isZero();
    }

    @Test
    void globalMagnitudeAndRandomHitTheOverallTarget() throws Exception {
        PruneOptions global = PruneOptions.magnitude(0.7).withScope(PruneOptions.Scope.GLOBAL);
        List<String> targets = new UnstructuredPruner(global).targets(fp32);
        Sparsity g = Sparsity.measure(roundTrip(new UnstructuredPruner(global).prune(fp32), "g.onnx"));
        long total = targets.stream().mapToLong(w -> g.layer(w).total()).sum();
        assertThat(targets.stream().mapToLong(w -> g.layer(w).zeros()).sum()).isEqualTo(Math.round(0.7 * total));
        // a global threshold prunes layers unevenly
        assertThat(targets.stream().mapToDouble(w -> g.layer(w).sparsity()).max().getAsDouble()
                - targets.stream().mapToDouble(w -> g.layer(w).sparsity()).min().getAsDouble()).isGreaterThan(0.05);
        Sparsity r = Sparsity.measure(new UnstructuredPruner(global.withMethod(PruneOptions.Method.RANDOM)
                .withScope(PruneOptions.Scope.LAYER)).prune(fp32));
        assertThat(r.overall(targets)).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void tiesAtTheThresholdAreBrokenToHitTheExactCount() {
        float[] w = {0.5f, -0.5f, 0.5f, 2f, -0.1f};
        UnstructuredPruner.zeroSmallest(List.of(w), 3);
        assertThat(w).containsExactly(0f, 0f, 0.5f, 2f, 0f);
        float[] r = new float[100];
        java.util.Arrays.fill(r, 1f);
        UnstructuredPruner.zeroRandom(r, 37, new Random(3));
        int zeros = 0;
        for (float v : r) {
            zeros += v == 0 ? 1 : 0;
        }
        assertThat(zeros).isEqualTo(37);
    }
}
