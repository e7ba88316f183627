package io.edgewatch.compress.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared ONNX tensor helpers and graph index that quantization, pruning, low-rank and wquant all use. */
class TensorsTest {

    @Test
    void floatsReadRawLittleEndianAndTypedData() {
        TensorProto raw = Tensors.floatTensor("w", new float[] {1.5f, -2f, 3f, 0.25f}, List.of(2L, 2L));
        assertThat(Tensors.floats(raw)).containsExactly(1.5f, -2f, 3f, 0.25f);
        assertThat(raw.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat(4)).isEqualTo(-2f);
        TensorProto typed = TensorProto.newBuilder().setName("t").setDataType(Tensors.FLOAT).addDims(2)
                .addFloatData(7f).addFloatData(-1f).build();
        assertThat(Tensors.floats(typed)).containsExactly(7f, -1f);
    }

    @Test
    void rejectsNonFloatExternalDataAndWrongCounts() {
        TensorProto int8 = Tensors.byteTensor("q", Tensors.INT8, new byte[] {1, 2}, List.of(2L));
        assertThatThrownBy(() -> Tensors.floats(int8)).hasMessageContaining("q is not float32");
        TensorProto external = TensorProto.newBuilder().setName("x").setDataType(Tensors.FLOAT)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).build();
        assertThatThrownBy(() -> Tensors.floats(external)).hasMessageContaining("external data");
        assertThatThrownBy(() -> Tensors.floatTensor("w", new float[3], List.of(2L, 2L)))
                .hasMessageContaining("w has 3 values, dims [2, 2]");
        assertThatThrownBy(() -> Tensors.int32Tensor("b", new int[2], List.of(3L))).hasMessageContaining("b has 2");
    }

    @Test
    void scalarsAndInt32AreRawLittleEndian() {
        assertThat(Tensors.floatScalar("s", 0.5f).getDimsCount()).isZero();
        assertThat(Tensors.uint8Scalar("z", 200).getRawData().byteAt(0) & 0xff).isEqualTo(200);
        ByteBuffer b = Tensors.int32Tensor("b", new int[] {-3, 70000}, List.of(2L)).getRawData()
                .asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(-3);
        assertThat(b.getInt(4)).isEqualTo(70000);
    }

    @Test
    void replaceSwapsOnlyNamedInitializersAndOutputsAreAddedOnce() {
        ModelProto m = model();
        ModelProto r = Tensors.replace(m, Map.of("w", Tensors.withValues(m.getGraph().getInitializer(0),
                new float[] {9, 9, 9, 9})));
        assertThat(Tensors.floats(new Graph(r.getGraph()).initializer("w"))).containsExactly(9, 9, 9, 9);
        assertThat(r.getGraph().getInitializer(0).getDimsList()).containsExactly(2L, 2L);
        ModelProto o = Tensors.withFloatOutputs(m, List.of("h", "y", "h"));
        assertThat(new Graph(o.getGraph()).outputNames()).containsExactly("y", "h");
    }

    @Test
    void graphTellsActivationsFromConstants() {
        Graph g = new Graph(model().getGraph());
        assertThat(g.isGraphInput("x")).isTrue();
        assertThat(g.isGraphInput("w")).as("initializer listed as input (old opsets)").isFalse();
        assertThat(g.isActivation("x")).isTrue();
        assertThat(g.isActivation("h")).isTrue();
        assertThat(g.isActivation("w")).isFalse();
        assertThat(g.isActivation("c")).as("output of a Constant node").isFalse();
        assertThat(g.isActivation("")).isFalse();
        assertThat(g.producer("y").getName()).isEqualTo("add");
        assertThat(g.consumers("h")).extracting(NodeProto::getName).containsExactly("add");
        assertThat(g.weightedNodes()).extracting(NodeProto::getName).containsExactly("mm");
    }

    /** x -> MatMul(w) -> h; Constant -> c; Add(h, c) -> y. */
    private static ModelProto model() {
        GraphProto g = GraphProto.newBuilder()
                .addInput(ValueInfoProto.newBuilder().setName("x"))
                .addInput(ValueInfoProto.newBuilder().setName("w"))
                .addInitializer(Tensors.floatTensor("w", new float[] {1, 2, 3, 4}, List.of(2L, 2L)))
                .addNode(NodeProto.newBuilder().setName("mm").setOpType("MatMul").addInput("x").addInput("w")
                        .addOutput("h"))
                .addNode(NodeProto.newBuilder().setName("k").setOpType("Constant").addOutput("c"))
                .addNode(NodeProto.newBuilder().setName("add").setOpType("Add").addInput("h").addInput("c")
                        .addOutput("y"))
                .addOutput(Tensors.floatValueInfo("y")).build();
        return ModelProto.newBuilder().setGraph(g).build();
    }
}
