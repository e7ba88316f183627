package io.edgewatch.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.edgewatch.compress.model.MacCounter;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.model.OrtRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filter-L1 channel pruning of NanoDet-m: ORT loads the result, shapes hold, MACs drop as counted by hand. */
class ChannelPrunerTest {
    static final String P = "PartitionedCall/";
    static ModelProto fp32;
    static float[] input;
    static Map<String, float[]> reference;

    @BeforeAll
    static void load() throws Exception {
        fp32 = OnnxFiles.read(Path.of("models/nanodet-m-416.onnx"));
        input = OrtRun.realInput(10);
        reference = OrtRun.run(fp32, input);
    }

    @Test
    void oneLayerThroughAConcatRemovesExactlyTheExpectedMacs() throws Exception {
        // convolution_5 (64 filters, 52x52 out) feeds convolution_6 directly and, via Concat_27 at offset 0,
        // the 1x1 convolution_25 (52x52) and the stride-2 3x3 convolution_11 (26x26).
        Set<String> others = new java.util.HashSet<>();
        fp32.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Conv"))
                .filter(n -> !n.getName().equals(P + "convolution_5")).forEach(n -> others.add(n.getName()));
        ChannelPruner.Result r = new ChannelPruner(0.25, true, others).prune(fp32);
        assertThat(r.pruned()).singleElement().satisfies(l -> {
            assertThat(l.removed()).isEqualTo(16);
            assertThat(l.consumers()).containsExactlyInAnyOrder(P + "convolution_6", P + "convolution_25",
                    P + "convolution_11");
        });
        long removed = 16L * 64 * 9 * 52 * 52 + 32L * 16 * 9 * 52 * 52 + 128L * 16 * 52 * 52 + 128L * 16 * 9 * 26 * 26;
        long before = MacCounter.total(MacCounter.count(fp32));
        long after = MacCounter.total(MacCounter.count(r.model()));
        assertThat(before - after).isEqualTo(removed);
        assertShapesMatch(OrtRun.run(r.model(), input));
    }

    @Test
    void wholeModelPruneStaysValidAndSkipsResidualAddsWithAReason() throws Exception {
        ChannelPruner.Result r = new ChannelPruner(0.25, true, Set.of()).prune(fp32);
        assertThat(r.skipped()).extracting(ChannelPruner.Layer::node).contains(P + "convolution_25",
                P + "convolution_26", P + "convolution_27", P + "convolution_29");
        assertThat(r.skipped()).filteredOn(l -> l.node().equals(P + "convolution_26")).singleElement()
                .satisfies(l -> assertThat(l.skipped()).contains("residual add"));
        assertThat(r.pruned()).hasSizeGreaterThanOrEqualTo(25);
        long before = MacCounter.total(MacCounter.count(fp32));
        long after = MacCounter.total(MacCounter.count(r.model()));
        // every pruned layer and each consumer lose a quarter of a side: well over a quarter of all MACs go
        assertThat((double) after / before).isBetween(0.4, 0.75);
        assertShapesMatch(OrtRun.run(r.model(), input));
    }

    @Test
    void zeroRatioChangesNothing() {
        assertThat(new ChannelPruner(0, true, Set.of()).prune(fp32).model()).isEqualTo(fp32);
    }

    @Test
    void slicingKeepsTheOtherChannelsInOrder() {
        var t = io.edgewatch.compress.model.Tensors.floatTensor("w", new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
                java.util.List.of(2L, 3L, 2L));
        var s = ChannelPruner.slice(t, 1, Set.of(1));
        assertThat(s.getDimsList()).containsExactly(2L, 2L, 2L);
        assertThat(io.edgewatch.compress.model.Tensors.floats(s)).containsExactly(0, 1, 4, 5, 6, 7, 10, 11);
        assertThat(ChannelPruner.smallestFilters(new float[] {5, -5, 0.1f, 0.1f, -2, 1}, 3, 2)).containsExactly(1, 2);
    }

    private static void assertShapesMatch(Map<String, float[]> out) {
        assertThat(out.keySet()).isEqualTo(reference.keySet());
        reference.forEach((k, v) -> assertThat(out.get(k)).as(k).hasSize(v.length));
    }
}
