package io.edgewatch.detect;

import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the daemon's detector from config: the runtime from the file type ({@code .tflite} → TensorFlow
 * Lite with XNNPACK, else ONNX Runtime), the format from {@code model.format} or the graph. The decoder
 * keeps everything at or above a low base score; per-label minimum scores are applied later by the event
 * stage, so the base is the lowest score any label is configured to accept, capped at
 * {@link #DEFAULT_BASE_SCORE}.
 */
public final class DetectorFactory {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DetectorFactory.class);
    public static final double DEFAULT_BASE_SCORE = 0.25;
    public static final int DEFAULT_MAX_DETECTIONS = 100;
    public static final int LATENCY_WINDOW = 256;

    private final TimeSource time;

    public DetectorFactory(TimeSource time) {
        if (time == null) {
            throw new IllegalArgumentException("time must not be null");
        }
        this.time = time;
    }

    public Detector create(ModelConfig model, DetectConfig detect) {
        if (model == null || detect == null) {
            throw new IllegalArgumentException("model and detect config must not be null");
        }
        Path labels = model.labels().isBlank() ? null : Path.of(model.labels());
        return open(model.path(), ModelFormat.parse(model.format()), labels, model.threads(),
                model.inputSize(), baseScore(detect), new Nms(detect.nmsIou(), DEFAULT_MAX_DETECTIONS));
    }

    /**
     * Any supported model file (the CLI tools use this too).
     *
     * @param format null = detect from the graph
     * @param labels labels file for models without names metadata; null = COCO-80
     */
    public ModelDetector open(Path file, ModelFormat format, Path labels, int threads, int fallbackSize,
                              double threshold, Nms nms) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file not found: " + file);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        String name = ModelFiles.modelName(file);
        long t0 = time.nanos();
        InferenceBackend backend = ModelFiles.isTflite(file) ? new TfliteBackend(file, threads, true)
                : new OrtBackend(file, threads, fallbackSize);
        FormatResolver.Resolved resolved;
        try {
            resolved = FormatResolver.resolve(backend, format, labels, threshold, nms, name);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        ModelDetector d = new ModelDetector(backend, resolved, name, ModelFiles.sha256(file), time, LATENCY_WINDOW);
        LOG.info("Loaded detector {} ({}, {}, {} threads) in {} ms", name, resolved.format().key(),
                ModelFiles.isTflite(file) ? "TFLite" : "ONNX Runtime", threads, (time.nanos() - t0) / 1_000_000);
        return d;
    }

    /**
     * What is wrong with {@code model} for this daemon, one line per problem (empty when it loads): opens it
     * with ONNX Runtime, checks its inputs/outputs against the decoder and runs one inference, exactly as
     * {@link #create} would. check-config calls this; new model formats add their checks here.
     */
    public List<String> check(ModelConfig model, DetectConfig detect) {
        try (Detector d = create(model, detect)) {
            return List.of();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return List.of(why.replaceAll("\\s+", " ").trim());
        }
    }

    /** Hex sha256 of a model file, as {@link Detector#modelSha256()} reports it once loaded. */
    public static String sha256(Path file) {
        return ModelFiles.sha256(file);
    }

    /** Lowest configured minimum score, never above {@link #DEFAULT_BASE_SCORE}, never below 0.01. */
    public static double baseScore(DetectConfig detect) {
        double base = Math.min(DEFAULT_BASE_SCORE, detect.minScore());
        for (double s : detect.labelMinScore().values()) {
            base = Math.min(base, s);
        }
        return Math.max(0.01, base);
    }
}
