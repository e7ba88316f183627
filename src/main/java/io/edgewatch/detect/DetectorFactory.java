package io.edgewatch.detect;

import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.util.TimeSource;
import java.util.List;

/**
 * Builds the daemon's detector from config. The decoder keeps everything at or above a low base score;
 * per-label minimum scores are applied later by the event stage, so the base is the lowest score any
 * label is configured to accept, capped at {@link #DEFAULT_BASE_SCORE}.
 */
public final class DetectorFactory {
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

    public NanoDetDetector create(ModelConfig model, DetectConfig detect) {
        if (model == null || detect == null) {
            throw new IllegalArgumentException("model and detect config must not be null");
        }
        Nms nms = new Nms(detect.nmsIou(), DEFAULT_MAX_DETECTIONS);
        NanoDetDecoder decoder = new NanoDetDecoder(model.inputSize(), baseScore(detect), nms);
        return new NanoDetDetector(model.path(), model.threads(), decoder, time, LATENCY_WINDOW);
    }

    /**
     * What is wrong with {@code model} for this daemon, one line per problem (empty when it loads): opens it
     * with ONNX Runtime, checks its inputs/outputs against the decoder and runs one inference, exactly as
     * {@link #create} would. check-config calls this; new model formats add their checks here.
     */
    public List<String> check(ModelConfig model, DetectConfig detect) {
        try (NanoDetDetector d = create(model, detect)) {
            return List.of();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return List.of(why.replaceAll("\\s+", " ").trim()
                    + " (expected a NanoDet-m ONNX model, input input_1 [1,3," + model.inputSize() + ","
                    + model.inputSize() + "])");
        }
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
