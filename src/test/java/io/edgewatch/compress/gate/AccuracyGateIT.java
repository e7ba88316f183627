package io.edgewatch.compress.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtEnvironment;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.compress.model.Graph;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.quant.CalibrationProgress;
import io.edgewatch.compress.quant.CalibrationSource;
import io.edgewatch.compress.quant.GraphPrep;
import io.edgewatch.compress.quant.QdqQuantizer;
import io.edgewatch.compress.quant.QuantConfig;
import io.edgewatch.compress.quant.QuantResult;
import io.edgewatch.compress.quant.TensorStats;
import io.edgewatch.compress.report.Fidelity;
import io.edgewatch.detect.NanoDetPreprocessor;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.LargeStack;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on the shipped fp32 NanoDet-m and 24 frames of the bundled clip (16 calibrate, every 3rd of them is
 * held out: 8). The shipped pipeline already scores AP50 1.0 there, so the bad start is made on purpose: one
 * mid-network Conv output gets a nonsense calibration range (±0.01, as a calibration ruined by a stray value
 * would give). The gate must refuse it, and --auto must find that layer by the layer report and recover by
 * keeping it float.
 */
class AccuracyGateIT {
    private static final Path FP32 = Path.of("models/nanodet-m-416.onnx");
    private static final String CLIP = "test-videos/vtest-people.mp4";

    @TempDir
    Path dir;

    @Test
    void refusesABadCalibrationAndRecoversByKeepingTheBrokenLayerFloat() throws Exception {
        assumeTrue(Files.exists(FP32) && Files.exists(Path.of(CLIP)), "fp32 model or clip missing");
        LargeStack.call("it-gate", () -> {
            check();
            return null;
        });
    }

    private void check() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<VideoFrame> frames = FrameSampler.read(CLIP, new FrameSampler.Selection(0, 4, 24), m -> { });
        List<VideoFrame> heldOut = new ArrayList<>();
        List<float[]> calib = new ArrayList<>();
        NanoDetPreprocessor pre = new NanoDetPreprocessor(416);
        for (int i = 0; i < frames.size(); i++) {
            if (i % 3 == 2) {
                heldOut.add(frames.get(i));
            } else {
                FloatBuffer b = pre.fill(frames.get(i));
                float[] x = new float[b.remaining()];
                b.get(x);
                calib.add(x);
            }
        }
        ModelProto fp32 = OnnxFiles.read(FP32);
        QuantConfig config = QuantConfig.defaults();
        QuantResult good = new QdqQuantizer(config, env, 2).quantize(fp32, CalibrationSource.of(calib),
                CalibrationProgress.none());
        String broken = brokenConv(fp32, good);
        String tensor = new Graph(GraphPrep.prepare(fp32).getGraph()).nodes().stream()
                .filter(n -> n.getName().equals(broken)).findFirst().orElseThrow().getOutput(0);
        Map<String, TensorStats> stats = new LinkedHashMap<>(good.stats());
        TensorStats nonsense = new TensorStats(tensor, false);
        nonsense.add(new float[] {-0.01f, 0.01f});
        stats.put(tensor, nonsense);
        QuantResult bad = new QdqQuantizer(config, env, 1).requantize(fp32, stats);

        AccuracyGate gate = new AccuracyGate(env, new Fidelity(heldOut, 0.4, 2, io.edgewatch.util.TimeSource.system()), FP32,
                calib.subList(0, 2), dir, io.edgewatch.util.TimeSource.system(), m -> { });
        List<GateStep> refused = new ArrayList<>();
        AccuracyGate.Outcome plain = gate.run(fp32, config, bad, 0.9, 0, refused::add);
        List<GateStep> steps = new ArrayList<>();
        AccuracyGate.Outcome auto = gate.run(fp32, config, bad, 0.9, 3, steps::add);
        steps.forEach(s -> System.out.printf("step %d: fidelity %.4f, %d bytes, p50 %.1f ms, float %s%n", s.step(),
                s.fidelity(), s.sizeBytes(), s.p50Ms(), s.floatLayers()));

        assertThat(plain.passed()).isFalse();
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).fidelity()).isLessThan(0.5);
        assertThat(auto.passed()).isTrue();
        assertThat(steps.size()).isGreaterThan(1);
        GateStep last = steps.get(steps.size() - 1);
        assertThat(last.fidelity()).isGreaterThanOrEqualTo(0.9);
        assertThat(last.floatLayers()).contains(broken);
        assertThat(last.sizeBytes()).isGreaterThan(steps.get(0).sizeBytes());
        assertThat(auto.bytes()).hasSize((int) last.sizeBytes());
        assertThat(dir).isEmptyDirectory();
    }

    /** A quantized Conv a third of the way through the network whose output has its own calibration. */
    private static String brokenConv(ModelProto fp32, QuantResult good) {
        Graph g = new Graph(GraphPrep.prepare(fp32).getGraph());
        List<String> convs = new ArrayList<>();
        for (NodeProto n : g.nodes()) {
            boolean own = good.plan().calibratedTensors().contains(n.getOutput(0));
            if (good.plan().weightedNodes().contains(n.getName()) && own) {
                convs.add(n.getName());
            }
        }
        assertThat(convs).hasSizeGreaterThan(6);
        return convs.get(convs.size() / 3);
    }
}
