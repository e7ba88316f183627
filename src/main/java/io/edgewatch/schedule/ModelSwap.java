package io.edgewatch.schedule;

import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.ModelTrial;
import io.edgewatch.detect.ModelTrial.Result;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model hot-swap on reload: when {@code model.path} or the file behind it (its sha256) changed, the new model is
 * loaded beside the serving one, tried on {@link RecentFrames} by {@link ModelTrial}, and offered to the detect
 * loop's {@link SwappableDetector} only if it passes; otherwise it is closed, the reason logged in one line and
 * counted. Runs on the caller's thread (the config reloader), never on the detect thread.
 */
public final class ModelSwap {
    private static final Logger log = LoggerFactory.getLogger(ModelSwap.class);

    private final SwappableDetector detector;
    private final RecentFrames recent;
    private final DetectorFactory factory;
    private final ModelTrial trial;
    private final DoubleSupplier demandFps;
    private final double budgetFraction;
    private final Map<Result, AtomicLong> counts = new EnumMap<>(Result.class);
    private volatile ModelConfig config;

    /** @param demandFps Σ detect_fps the cameras ask for now */
    public ModelSwap(SwappableDetector detector, RecentFrames recent, DetectorFactory factory, ModelTrial trial,
                     ModelConfig start, DoubleSupplier demandFps, double budgetFraction) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.recent = Objects.requireNonNull(recent, "recent");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.trial = Objects.requireNonNull(trial, "trial");
        this.config = Objects.requireNonNull(start, "start");
        this.demandFps = Objects.requireNonNull(demandFps, "demandFps");
        this.budgetFraction = budgetFraction;
        for (Result r : Result.values()) {
            counts.put(r, new AtomicLong());
        }
    }

    /** Tries the model of {@code next} if it differs from the serving one; null when there was nothing to do. */
    public synchronized ModelTrial.Verdict reload(ModelConfig next, DetectConfig detect) {
        ModelConfig old = config;
        config = next;
        if (!changed(old, next)) {
            return null;
        }
        Detector candidate;
        try {
            candidate = factory.create(next, detect);
        } catch (RuntimeException e) {
            return finish(new ModelTrial.Verdict(Result.LOAD_FAILED, Double.NaN, Double.NaN,
                    "does not load or fit a decoder: " + e.getMessage()), next, null);
        }
        ModelTrial.Verdict v;
        try {
            v = trial.run(candidate, frames(), rules(next));
        } catch (RuntimeException e) {
            v = new ModelTrial.Verdict(Result.LOAD_FAILED, Double.NaN, Double.NaN, "fails on a frame: " + e);
        }
        return finish(v, next, candidate);
    }

    /** How many trials ended with each result. */
    public long count(Result r) {
        return counts.get(r).get();
    }

    private boolean changed(ModelConfig old, ModelConfig next) {
        if (!old.path().equals(next.path()) || old.threads() != next.threads()
                || old.inputSize() != next.inputSize() || !old.format().equals(next.format())
                || !old.labels().equals(next.labels())) {
            return true;
        }
        try {
            return !DetectorFactory.sha256(next.path()).equals(detector.serving().modelSha256());
        } catch (RuntimeException e) {
            return true; // unreadable now: the trial will say why
        }
    }

    private List<ModelTrial.Frame> frames() {
        return recent.snapshot().stream().map(s -> new ModelTrial.Frame(s.frame(), s.detections())).toList();
    }

    private ModelTrial.Rules rules(ModelConfig next) {
        return new ModelTrial.Rules(demandFps.getAsDouble(), budgetFraction,
                ModelTrial.p90(detector.serving().inferenceTiming().recentLatenciesNanos()),
                next.minFidelity(), next.force());
    }

    private ModelTrial.Verdict finish(ModelTrial.Verdict v, ModelConfig next, Detector candidate) {
        counts.get(v.result()).incrementAndGet();
        String serving = detector.serving().modelName();
        if (v.accepted()) {
            log.info("model {} accepted ({}): {}; takes over from {} at the next frame", next.path(),
                    v.result().name().toLowerCase(), v.reason(), serving);
            detector.offer(candidate);
        } else {
            log.warn("model {} refused ({}): {}; {} keeps serving", next.path(), v.result().name().toLowerCase(),
                    v.reason(), serving);
            if (candidate != null) {
                candidate.close();
            }
        }
        return v;
    }
}
