package io.edgewatch.cli.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import io.edgewatch.compress.quant.CalibrationMethod;
import io.edgewatch.compress.quant.QuantConfig;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Pure parts of the models commands: option mapping, tensor matching, report table. */
class ModelsCommandsTest {

    @Test
    void quantizeOptionsMapToTheQuantConfig() {
        QuantizeCommand c = new QuantizeCommand();
        new CommandLine(c).parseArgs("--model", "a.onnx", "--out", "b.onnx", "--calib", "rtsp://cam/1",
                "--method", "Percentile", "--percentile", "99.9", "--per-tensor", "--reduce-range",
                "--include", "n1,n2", "--exclude", "n3");
        QuantConfig q = c.config();
        assertThat(q.calibration().method()).isEqualTo(CalibrationMethod.PERCENTILE);
        assertThat(q.calibration().percentile()).isEqualTo(99.9);
        assertThat(q.calibration().bothTails()).isFalse();
        assertThat(q.perChannel()).isFalse();
        assertThat(q.reduceRange()).isTrue();
        assertThat(q.keepTailFloat()).isTrue();
        assertThat(q.include()).containsExactlyInAnyOrder("n1", "n2");
        assertThat(q.exclude()).containsExactly("n3");
    }

    @Test
    void quantizeDefaultsArePerChannelPercentileAndUnknownMethodsFail() {
        QuantizeCommand c = new QuantizeCommand();
        new CommandLine(c).parseArgs("--model", "a.onnx", "--out", "b.onnx", "--calib", "x.mp4");
        assertThat(c.config().perChannel()).isTrue();
        assertThat(c.config().calibration().percentile()).isEqualTo(99.999);
        assertThat(c.frames).isEqualTo(150);
        new CommandLine(c).parseArgs("--model", "a.onnx", "--out", "b.onnx", "--calib", "x.mp4", "--both-tails");
        assertThat(c.config().calibration().bothTails()).isTrue();
        new CommandLine(c).parseArgs("--model", "a.onnx", "--out", "b.onnx", "--calib", "x.mp4", "--both-tails",
                "--method", "minmax");
        assertThat(c.config().calibration().bothTails()).isFalse();
        new CommandLine(c).parseArgs("--model", "a.onnx", "--out", "b.onnx", "--calib", "x.mp4", "--method", "kl");
        assertThatThrownBy(c::config).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layerReportComparesOnlyActivationsTheInt8ModelDequantizes() {
        ModelProto fp32 = model(node("Conv", "c1", "input", "w1", "a"), node("Relu", "r", "a", "b"));
        ModelProto int8 = model(node("DequantizeLinear", "d0", "input_quantized", "input_dequantized"),
                node("DequantizeLinear", "dw", "w1_quantized", "w1_dequantized"),
                node("DequantizeLinear", "d1", "a_quantized", "a_dequantized"),
                node("DequantizeLinear", "d2", "zz_quantized", "zz_dequantized"));
        assertThat(LayerReportCommand.quantizedTensors(fp32, int8)).containsExactly("input", "a");
    }

    @Test
    void reportTableShowsFidelityLatencyAndSize() {
        String md = PlotCommand.markdown(List.of(new PlotCommand.Row("int8", 0.93, 0.9, 20.5, 22.25, 4.08, 1.7,
                3.72)));
        assertThat(md).contains("| int8 | 0.9300 | 0.9000 | 20.5 | 22.3 | 1.70x | 4.08 | 3.72x |");
    }

    @Test
    void evalNamesModelsByFileName() {
        assertThat(EvalCommand.name(java.nio.file.Path.of("models/nanodet-m-416.int8.onnx")))
                .isEqualTo("nanodet-m-416.int8");
        assertThat(Set.copyOf(EvalCommand.DARKNET_IMAGES)).contains("dog", "person", "horses", "kite");
    }

    private static NodeProto node(String op, String name, String... io) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name);
        for (int i = 0; i < io.length - 1; i++) {
            b.addInput(io[i]);
        }
        return b.addOutput(io[io.length - 1]).build();
    }

    private static ModelProto model(NodeProto... nodes) {
        GraphProto.Builder g = GraphProto.newBuilder();
        g.addInput(ai.onnx.proto.OnnxMl.ValueInfoProto.newBuilder().setName("input"));
        for (NodeProto n : nodes) {
            g.addNode(n);
        }
        return ModelProto.newBuilder().setGraph(g).build();
    }
}
