package io.edgewatch.compress.quant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphPrepTest {

    private static ModelProto withOpset(ModelProto m, int opset) {
        return m.toBuilder().clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
    }

    @Test
    void raisesOpset11To13WhenNoNodeChangedMeaning() {
        ModelProto m = GraphPrep.prepare(withOpset(TestModels.detectorLike(1), 11));
        assertThat(GraphPrep.defaultOpset(m)).isEqualTo(13);
        assertThat(m.getIrVersion()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void refusesToRaiseOpsetOverASplitWithAttributeSemantics() {
        ModelProto base = withOpset(TestModels.detectorLike(1), 11);
        ModelProto m = base.toBuilder().setGraph(base.getGraph().toBuilder()
                .addNode(TestModels.node("Split", "split", List.of("scores"), "halves"))).build();
        assertThatThrownBy(() -> GraphPrep.prepare(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split").hasMessageContaining("opset");
    }

    @Test
    void namesEmptyAndDuplicateNodesUniquely() {
        ModelProto base = TestModels.detectorLike(1);
        ModelProto dup = base.toBuilder().setGraph(base.getGraph().toBuilder()
                .setNode(2, base.getGraph().getNode(2).toBuilder().setName("conv2"))).build();
        ModelProto named = GraphPrep.ensureUniqueNames(dup);
        List<String> names = named.getGraph().getNodeList().stream().map(n -> n.getName()).toList();
        assertThat(names).doesNotContain("").doesNotHaveDuplicates().contains("Conv_0", "Relu_1", "conv2");
    }
}
