package io.edgewatch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import io.edgewatch.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code edgewatch models quantize} end to end on a tiny conv model and three real frames of the bundled clip. */
class ModelsQuantizeCliTest {
    private static final String CLIP = "test-videos/vtest-people.mp4";

    @TempDir
    Path dir;

    @Test
    void quantizesTinyModelAndWritesAFusedInt8File() throws Exception {
        assumeTrue(Files.exists(Path.of(CLIP)), "bundled clip missing");
        Path in = write(tinyModel(), "tiny.onnx");
        Path out = dir.resolve("sub/tiny.int8.onnx");
        int rc = Main.execute("models", "quantize", "--model", in.toString(), "--out", out.toString(), "--calib", CLIP,
                "--frames", "3", "--stride", "5", "--input-size", "16", "--method", "entropy");
        assertThat(rc).isZero();
        ModelProto q = ModelProto.parseFrom(Files.readAllBytes(out));
        assertThat(q.getGraph().getNodeList()).extracting(NodeProto::getOpType)
                .contains("QuantizeLinear", "DequantizeLinear");
        assertThat(q.getGraph().getInitializerList()).anyMatch(t -> t.getDataType() == TensorProto.DataType.INT8_VALUE);
    }

    @Test
    void forcingTheGraphOutputConvIntoInt8IsNotFusedAndFailsWithoutWriting() throws Exception {
        assumeTrue(Files.exists(Path.of(CLIP)), "bundled clip missing");
        Path in = write(tinyModel(), "tiny.onnx");
        Path out = dir.resolve("tiny.int8.onnx");
        int rc = Main.execute("models", "quantize", "--model", in.toString(), "--out", out.toString(), "--calib", CLIP,
                "--frames", "2", "--input-size", "16", "--include", "head");
        assertThat(rc).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void rejectsTooManyFramesAndUnknownMethod() throws Exception {
        Path in = write(tinyModel(), "tiny.onnx");
        String out = dir.resolve("x.onnx").toString();
        assertThat(Main.execute("models", "quantize", "--model", in.toString(), "--out", out, "--calib", CLIP,
                "--frames", "501")).isEqualTo(2);
        assertThat(Main.execute("models", "quantize", "--model", in.toString(), "--out", out, "--calib", CLIP,
                "--method", "median")).isEqualTo(2);
    }

    @Test
    void rejectsInconsistentGateOptionsBeforeReadingAnything() throws Exception {
        Path in = write(tinyModel(), "tiny.onnx");
        String out = dir.resolve("x.onnx").toString();
        String[] base = {"models", "quantize", "--model", in.toString(), "--out", out, "--calib", CLIP};
        assertThat(Main.execute(concat(base, "--auto"))).isEqualTo(2);
        assertThat(Main.execute(concat(base, "--min-fidelity", "1.5"))).isEqualTo(2);
        assertThat(Main.execute(concat(base, "--min-fidelity", "0.9", "--holdout-every", "1"))).isEqualTo(2);
        assertThat(Main.execute(concat(base, "--min-fidelity", "0.9", "--frames", "4", "--holdout-every", "5")))
                .isEqualTo(2);
        assertThat(Main.execute(concat(base, "--min-fidelity", "0.9", "--auto", "--max-steps", "0"))).isEqualTo(2);
        assertThat(Path.of(out)).doesNotExist();
    }

    @Test
    void everyQuantizeOptionIsDocumentedInCliMd() throws Exception {
        String doc = Files.readString(Path.of("docs/cli.md"));
        String section = doc.substring(doc.indexOf("### models quantize"), doc.indexOf("### models eval"));
        for (var o : new picocli.CommandLine(new QuantizeCommand()).getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                assertThat(section).as("docs/cli.md, models quantize").contains("`" + o.longestName());
            }
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path write(ModelProto m, String name) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, m.toByteArray());
        return p;
    }

    /** input [1,3,16,16] -> conv1 (3->8, 3x3) -> LeakyRelu -> head (8->4, 1x1) = graph output "out". */
    static ModelProto tinyModel() {
        Random r = new Random(7);
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny");
        g.addInput(value("input", 1, 3, 16, 16));
        g.addOutput(value("out", 1, 4, 16, 16));
        conv(g, r, "conv1", "input", "c1", 3, 8, 3);
        g.addNode(NodeProto.newBuilder().setOpType("LeakyRelu").setName("leaky").addInput("c1").addOutput("l1")
                .addAttribute(AttributeProto.newBuilder().setName("alpha").setType(AttributeProto.AttributeType.FLOAT)
                        .setF(0.1f)));
        conv(g, r, "head", "l1", "out", 8, 4, 1);
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("edgewatch-test").setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
    }

    private static void conv(GraphProto.Builder g, Random r, String name, String in, String out, int cin, int cout,
            int k) {
        TensorProto.Builder w = TensorProto.newBuilder().setName(out + "_w")
                .setDataType(TensorProto.DataType.FLOAT_VALUE).addAllDims(List.of((long) cout, (long) cin, (long) k,
                        (long) k));
        for (int i = 0; i < cout * cin * k * k; i++) {
            w.addFloatData((float) (r.nextGaussian() / Math.sqrt(cin * k * k)));
        }
        TensorProto.Builder b = TensorProto.newBuilder().setName(out + "_b")
                .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(cout);
        for (int i = 0; i < cout; i++) {
            b.addFloatData((float) (r.nextGaussian() * 0.1));
        }
        g.addInitializer(w).addInitializer(b);
        g.addNode(NodeProto.newBuilder().setOpType("Conv").setName(name).addInput(in).addInput(out + "_w")
                .addInput(out + "_b").addOutput(out).addAttribute(AttributeProto.newBuilder().setName("pads")
                        .setType(AttributeProto.AttributeType.INTS).addAllInts(List.of((long) k / 2, (long) k / 2,
                                (long) k / 2, (long) k / 2))));
    }

    private static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(s))).build();
    }
}
