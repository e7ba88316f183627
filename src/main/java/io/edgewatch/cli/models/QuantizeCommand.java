package io.edgewatch.cli.models;

import io.edgewatch.util.LargeStack;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.compress.gate.AccuracyGate;
import io.edgewatch.compress.model.OnnxFiles;
import io.edgewatch.compress.quant.CalibrationMethod;
import io.edgewatch.compress.quant.CalibrationOptions;
import io.edgewatch.compress.quant.FusionCheck;
import io.edgewatch.compress.quant.FusionException;
import io.edgewatch.compress.quant.QdqQuantizer;
import io.edgewatch.compress.quant.QuantConfig;
import io.edgewatch.compress.quant.QuantResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edgewatch models quantize}: calibrate on real frames, write a U8S8 QDQ model, insist that it fuses. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = {"Quantize a float ONNX detector to int8, calibrated on real frames.",
                "QDQ with uint8 activations and int8 per-channel weights, calibrated on frames of a video file,",
                "RTSP URL or image folder. The result is loaded in ONNX Runtime and checked to be fused into int8",
                "kernels; if not, nothing is written and the exit code is 1. With --min-fidelity the model is also",
                "measured against the float model on held-out frames and refused (exit 2) below the threshold;",
                "--auto then keeps the worst layers float one at a time until it passes.",
                "Takes " + QuantizeSupport.SUPPORTED + "."})
public final class QuantizeCommand implements Callable<Integer> {
    static final int MAX_FRAMES = 500;

    @Option(names = "--model", required = true, description = "float ONNX model")
    Path model;

    @Option(names = "--out", required = true, description = "output int8 ONNX model")
    Path out;

    @Option(names = "--calib", required = true, paramLabel = "SOURCE",
            description = "calibration frames: video file, rtsp:// URL or image folder")
    String calib;

    @Option(names = "--frames", defaultValue = "150",
            description = "calibration frames, at most 500 (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--stride", defaultValue = "1", description = "take every K-th frame (default ${DEFAULT-VALUE})")
    int stride;

    @Option(names = "--skip", defaultValue = "0", description = "skip the first S frames (default ${DEFAULT-VALUE})")
    int skip;

    @Option(names = "--method", defaultValue = "percentile",
            description = "minmax | percentile | entropy (default ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--percentile", defaultValue = "99.999",
            description = "percentile of |x| kept (default ${DEFAULT-VALUE})")
    double percentile;

    @Option(names = "--both-tails",
            description = "percentile: clip each tail separately ((100-P)/2 each) instead of |x|")
    boolean bothTails;

    @Option(names = "--per-tensor", description = "one weight scale per tensor instead of per output channel")
    boolean perTensor;

    @Option(names = "--reduce-range", description = "7-bit weights, for AVX2 CPUs without VNNI if accuracy suffers")
    boolean reduceRange;

    @Option(names = "--include", split = ",", paramLabel = "NODE",
            description = "nodes to quantize even in the head tail")
    List<String> include = List.of();

    @Option(names = "--exclude", split = ",", paramLabel = "NODE", description = "nodes to keep float")
    List<String> exclude = List.of();

    @Mixin InputSizeOption network;

    @Option(names = "--threads", defaultValue = "2",
            description = "ONNX Runtime threads for calibration (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--min-fidelity", paramLabel = "X",
            description = "refuse to write a model whose AP50 against the float model on held-out frames is below X")
    Double minFidelity;

    @Option(names = "--holdout-every", defaultValue = "5", paramLabel = "K",
            description = "with --min-fidelity: every K-th frame is held out of calibration to measure fidelity "
                    + "(default ${DEFAULT-VALUE}: 20 %%)")
    int holdoutEvery;

    @Option(names = "--auto",
            description = "with --min-fidelity: keep the worst layers float one at a time until X is met")
    boolean auto;

    @Option(names = "--max-steps", defaultValue = "8", paramLabel = "N",
            description = "--auto gives up after trying N layers in float (default ${DEFAULT-VALUE})")
    int maxSteps;

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || frames > MAX_FRAMES) {
            System.err.println("--frames must be in 1.." + MAX_FRAMES + ": " + frames);
            return 2;
        }
        String refusal = QuantizeSupport.refusal(model);
        if (refusal != null) {
            System.err.println(refusal);
            return 2;
        }
        String gateError = gateError();
        if (gateError != null) {
            System.err.println(gateError);
            return 2;
        }
        QuantConfig config = config(); // a bad --method etc. becomes one line, exit 2, in cli/UserErrors
        return LargeStack.call("models-quantize", () -> quantize(config));
    }

    private String gateError() {
        if (minFidelity == null) {
            return auto ? "--auto needs --min-fidelity" : null;
        }
        if (!(minFidelity > 0 && minFidelity <= 1)) {
            return "--min-fidelity must be in (0, 1]: " + minFidelity;
        }
        if (holdoutEvery < 2 || frames / holdoutEvery < 1) {
            return "--holdout-every must be in 2.." + frames + " (--frames " + frames + "): " + holdoutEvery;
        }
        return maxSteps < 1 ? "--max-steps must be positive: " + maxSteps : null;
    }

    QuantConfig config() {
        CalibrationMethod m = CalibrationMethod.valueOf(method.toUpperCase(Locale.ROOT));
        CalibrationOptions c = new CalibrationOptions(m, m == CalibrationMethod.PERCENTILE ? percentile : 100,
                m == CalibrationMethod.PERCENTILE && bothTails);
        return QuantConfig.defaults().withCalibration(c).withPerChannel(!perTensor).withReduceRange(reduceRange)
                .withOverrides(new LinkedHashSet<>(include), new LinkedHashSet<>(exclude));
    }

    private int quantize(QuantConfig config) throws Exception {
        ModelProto fp32 = OnnxFiles.read(model);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        QuantResult r;
        byte[] bytes;
        long t0 = System.nanoTime();
        try (FrameInputs inputs = new FrameInputs(calib, new FrameSampler.Selection(skip, stride, frames),
                network.inputSize, minFidelity == null ? 0 : holdoutEvery)) {
            r = new QdqQuantizer(config, env, threads).quantize(fp32, inputs, (done, total) -> {
                if (done % 10 == 0 || done == total) {
                    System.err.printf(Locale.ROOT, "calibrating %d/%d frames%n", done, total);
                }
            });
            if (inputs.taken() == 0) {
                System.err.println("no calibration frames read from " + calib);
                return 1;
            }
            System.err.printf(Locale.ROOT, "calibrated on %d frames of %s in %.1f s%n",
                    inputs.taken() - inputs.heldOut().size(), calib, (System.nanoTime() - t0) / 1e9);
            bytes = r.model().toByteArray();
            if (minFidelity != null) {
                var gated = gate(fp32, config, r, inputs);
                if (gated == null) {
                    return 2;
                }
                r = gated.result();
                bytes = gated.bytes();
            }
        }
        FusionCheck.Report fusion;
        try {
            fusion = new FusionCheck(env).verify(r.model());
        } catch (FusionException e) {
            System.err.println("NOT FUSED: " + e.getMessage());
            e.offending().forEach(o -> System.err.println("  " + o));
            System.err.println("nothing written; try --exclude for the listed nodes");
            return 1;
        }
        write(bytes);
        long inSize = Files.size(model);
        System.out.printf(Locale.ROOT, "wrote %s: %d bytes (%.2fx smaller than %s), %d int8 convs, %d nodes kept "
                + "float %s%n", out, bytes.length, (double) inSize / bytes.length, model, fusion.int8ConvCount(),
                r.plan().tailNodes().size(), r.plan().tailNodes());
        return 0;
    }

    /** The gated model, or null (after one line on stderr) when it is refused. */
    private AccuracyGate.Outcome gate(ModelProto fp32, QuantConfig config, QuantResult first, FrameInputs inputs)
            throws Exception {
        if (inputs.heldOut().isEmpty() || inputs.firstInputs().isEmpty()) {
            System.err.println("refused: too few frames from " + calib + " to hold out for --min-fidelity");
            return null;
        }
        AccuracyGate.Outcome o = new QuantizeGate(model, threads).run(fp32, config, first, inputs.heldOut(),
                inputs.firstInputs(), new QuantizeGate.Settings(minFidelity, auto, maxSteps));
        return o.passed() ? o : null;
    }

    private void write(byte[] bytes) throws Exception {
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
