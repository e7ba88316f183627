package io.edgewatch.cli.models;

import io.edgewatch.util.LargeStack;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OrtEnvironment;
import io.edgewatch.compress.data.FrameSampler;
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
                "kernels; if not, nothing is written and the exit code is 1."})
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

    @Override
    public Integer call() throws Exception {
        if (frames < 1 || frames > MAX_FRAMES) {
            System.err.println("--frames must be in 1.." + MAX_FRAMES + ": " + frames);
            return 2;
        }
        QuantConfig config = config(); // a bad --method etc. becomes one line, exit 2, in cli/UserErrors
        return LargeStack.call("models-quantize", () -> quantize(config));
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
        long t0 = System.nanoTime();
        try (FrameInputs inputs = new FrameInputs(calib, new FrameSampler.Selection(skip, stride, frames),
                network.inputSize)) {
            r = new QdqQuantizer(config, env, threads).quantize(fp32, inputs, (done, total) -> {
                if (done % 10 == 0 || done == total) {
                    System.err.printf(Locale.ROOT, "calibrating %d/%d frames%n", done, total);
                }
            });
            if (inputs.taken() == 0) {
                System.err.println("no calibration frames read from " + calib);
                return 1;
            }
            System.err.printf(Locale.ROOT, "calibrated on %d frames of %s in %.1f s%n", inputs.taken(), calib,
                    (System.nanoTime() - t0) / 1e9);
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
        byte[] bytes = r.model().toByteArray();
        write(bytes);
        long inSize = Files.size(model);
        System.out.printf(Locale.ROOT, "wrote %s: %d bytes (%.2fx smaller than %s), %d int8 convs, %d nodes kept "
                + "float %s%n", out, bytes.length, (double) inSize / bytes.length, model, fusion.int8ConvCount(),
                r.plan().tailNodes().size(), r.plan().tailNodes());
        return 0;
    }

    private void write(byte[] bytes) throws Exception {
        Path abs = out.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
