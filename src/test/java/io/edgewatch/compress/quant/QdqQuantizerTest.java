package io.edgewatch.compress.quant;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.edgewatch.compress.model.Tensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QdqQuantizerTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static ModelProto fp32;
    private static List<float[]> calibration;
    private static QuantResult result;

    @BeforeAll
    static void quantize() throws OrtException {
        fp32 = TestModels.detectorLike(7);
        Random r = new Random(11);
        calibration = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calibration.add(TestModels.randomInput(r));
        }
        List<String> progress = new ArrayList<>();
        result = new QdqQuantizer(QuantConfig.defaults(), ENV, 1).quantize(fp32,
                CalibrationSource.of(calibration), (d, t) -> progress.add(d + "/" + t));
        assertThat(progress).hasSize(16).endsWith("16/16");
    }

    @Test
    void everyNodeHasAUniqueNonEmptyName() {
        Set<String> names = new HashSet<>();
        for (NodeProto n : result.model().getGraph().getNodeList()) {
            assertThat(n.getName()).isNotEmpty();
            assertThat(names.add(n.getName())).as("duplicate %s", n.getName()).isTrue();
        }
    }

    @Test
    void tailRuleKeepsTheHeadConvAndSigmoidFloat() {
        QuantPlan plan = result.plan();
        assertThat(plan.tailNodes()).containsExactlyInAnyOrder("sigmoid", "head");
        assertThat(plan.weightedNodes()).containsExactly("Conv_0", "conv2");
        assertThat(plan.otherNodes()).contains("Relu_1", "pool", "leaky");
        NodeProto head = node("head").orElseThrow();
        assertThat(head.getInput(1)).isEqualTo("c3_w");
        assertThat(initializer("c3_w").getDataType()).isEqualTo(Tensors.FLOAT);
        assertThat(node("sigmoid").orElseThrow().getInput(0)).isEqualTo("c3");
    }

    @Test
    void quantizedConvsHaveInt8PerChannelWeightsAndInt32Bias() {
        NodeProto conv2 = node("conv2").orElseThrow();
        assertThat(conv2.getInput(0)).isEqualTo("p1_dequantized");
        NodeProto wdq = producer(conv2.getInput(1));
        assertThat(wdq.getOpType()).isEqualTo("DequantizeLinear");
        assertThat(wdq.getAttribute(0).getName()).isEqualTo("axis");
        assertThat(wdq.getAttribute(0).getI()).isZero();
        assertThat(initializer(wdq.getInput(0)).getDataType()).isEqualTo(Tensors.INT8);
        assertThat(initializer(wdq.getInput(1)).getDimsList()).containsExactly(8L);
        NodeProto bdq = producer(conv2.getInput(2));
        assertThat(initializer(bdq.getInput(0)).getDataType()).isEqualTo(Tensors.INT32);
        // Relu folded into conv1: no Q/DQ between them, Q after the Relu with zero point 0
        assertThat(producer("r1").getInput(0)).isEqualTo("c1");
        assertThat(initializer("r1_zero_point").getRawData().byteAt(0)).isZero();
        // MaxPool reuses its input's parameters so ORT can drop its Q/DQ
        assertThat(initializer("p1_scale")).isEqualTo(initializer("r1_scale").toBuilder().setName("p1_scale")
                .build());
        assertThat(result.model().getGraph().getInitializerList()).noneMatch(t -> t.getName().equals("c2_w"));
    }

    @Test
    void int8ModelRunsInOrtAndStaysCloseToFp32() throws OrtException {
        float[] x = TestModels.randomInput(new Random(99));
        float[] a = run(fp32, x);
        float[] b = run(result.model(), x);
        assertThat(b).hasSameSizeAs(a);
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        assertThat(maxDiff).isLessThan(0.05).isGreaterThan(0);
    }

    @Test
    void fusionCheckPassesForTheQdqModel() throws OrtException {
        FusionCheck.Report r = new FusionCheck(ENV).verify(result.model());
        assertThat(r.int8ConvCount()).isEqualTo(2);
        assertThat(r.opCounts()).containsKey("Conv");
    }

    @Test
    void fusionCheckFailsWhenAConvOutputLacksItsQdq() {
        ModelProto broken = dropQdq(result.model(), "c2");
        assertThatThrownBy(() -> new FusionCheck(ENV).verify(broken)).isInstanceOf(FusionException.class)
                .satisfies(e -> assertThat(((FusionException) e).offending()).anyMatch(s -> s.startsWith("conv2")));
    }

    @Test
    void manualOverridesBeatTheTailRule() throws OrtException {
        QuantConfig c = QuantConfig.defaults().withOverrides(Set.of("head"), Set.of("conv2"));
        QuantResult r = new QdqQuantizer(c, ENV, 1).quantize(fp32, CalibrationSource.of(calibration.subList(0, 4)),
                CalibrationProgress.none());
        assertThat(r.plan().weightedNodes()).containsExactly("Conv_0", "head");
        FusionCheck.Report report = new FusionCheck(ENV).verify(r.model());
        assertThat(report.int8ConvCount()).isEqualTo(2);
        assertThat(node(r.model(), "conv2").getInput(1)).isEqualTo("c2_w");
    }

    @Test
    void layerReportListsWorstTensorsFirst() throws OrtException {
        List<LayerError> errors = new LayerErrorReport(ENV).compare(fp32, result.model(), List.of("r1", "l2",
                "c3", "scores"), calibration.subList(0, 2));
        assertThat(errors).hasSize(4);
        assertThat(errors).isSortedAccordingTo((p, q) -> Double.compare(q.relL2(), p.relL2()));
        assertThat(errors).allSatisfy(e -> assertThat(e.cosine()).isGreaterThan(0.99));
        assertThat(errors).anySatisfy(e -> assertThat(e.compared()).isEqualTo("r1_dequantized"));
        assertThat(LayerErrorReport.markdown(errors)).contains("| r1 |");
        assertThat(LayerErrorReport.json(errors)).contains("\"relL2\"");
    }

    private static ModelProto dropQdq(ModelProto m, String tensor) {
        var g = m.getGraph().toBuilder().clearNode();
        for (NodeProto n : m.getGraph().getNodeList()) {
            if (n.getInputList().contains(tensor) && n.getOpType().equals("QuantizeLinear")
                    || n.getOutput(0).equals(tensor + "_dequantized")) {
                continue;
            }
            NodeProto.Builder b = n.toBuilder();
            for (int i = 0; i < b.getInputCount(); i++) {
                if (b.getInput(i).equals(tensor + "_dequantized")) {
                    b.setInput(i, tensor);
                }
            }
            g.addNode(b);
        }
        return m.toBuilder().setGraph(g).build();
    }

    private static float[] run(ModelProto m, float[] x) throws OrtException {
        try (OrtSession s = ENV.createSession(m.toByteArray(), new OrtSession.SessionOptions());
                OnnxTensor t = OrtModels.tensor(ENV, x, TestModels.INPUT_SHAPE);
                OrtSession.Result r = s.run(Map.of("input", t))) {
            return OrtModels.floats((OnnxTensor) r.get(0));
        }
    }

    private static NodeProto node(ModelProto m, String name) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    private static Optional<NodeProto> node(String name) {
        return result.model().getGraph().getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst();
    }

    private static NodeProto producer(String tensor) {
        return result.model().getGraph().getNodeList().stream().filter(n -> n.getOutputList().contains(tensor))
                .findFirst().orElseThrow();
    }

    private static TensorProto initializer(String name) {
        return result.model().getGraph().getInitializerList().stream().filter(t -> t.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no initializer " + name));
    }
}
