package io.edgewatch.app;

import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.ModelTrial;
import io.edgewatch.metrics.ModelMetrics;
import io.edgewatch.schedule.ModelSwap;
import io.edgewatch.schedule.RecentFrames;
import io.edgewatch.schedule.SwappableDetector;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's model, wired: the serving detector (swapped by the detect thread between passes), the recent frames
 * a candidate is tried on, the hot-swap on reload or file replacement, and the variant choice of
 * {@code model.path: auto}. Built before the cameras; {@link #startSwap} once the event stage exists.
 */
final class ModelSide implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelSide.class);
    /** Frames (one a second at most) a hot-swapped model is tried on. */
    private static final int RECENT_FRAMES = 8;

    private final TimeSource time;
    private final RecentFrames recent = new RecentFrames(RECENT_FRAMES, 1_000_000_000L);
    /** model.path: auto, else null. */
    private final AutoVariant auto;
    private final SwappableDetector detector;
    private ModelSwap swap;
    private ModelMetrics metrics;
    /** The model keys last applied (start or reload): a variant pick applies only while they still say auto. */
    private EdgewatchConfig applied;

    ModelSide(EdgewatchConfig config, TimeSource time) {
        this.time = time;
        this.applied = config;
        this.auto = AutoVariant.of(config, time);
        this.detector = new SwappableDetector(auto == null
                ? new DetectorFactory(time).create(config.model(), config.detect())
                : auto.open(config.model(), config));
        log.info("model {} loaded (sha256 {})", serving().modelName(), serving().modelSha256());
    }

    /**
     * Hot-swap from now on: trials on recent frames against the cameras' demand; {@code onSwitch} runs on the detect
     * thread when a new model takes over (events carry its name from then on).
     */
    void startSwap(EdgewatchConfig config, DoubleSupplier demandFps, Consumer<Detector> onSwitch) {
        swap = new ModelSwap(detector, recent, new DetectorFactory(time), new ModelTrial(time), resolve(config.model()),
                demandFps, config.budget().inferenceFraction());
        metrics = new ModelMetrics(detector.serving(), swap, time);
        detector.onSwitch(d -> {
            onSwitch.accept(d);
            metrics.switched(d);
        });
    }

    /**
     * model.path: auto: the cached choice is shown now; otherwise the variants are measured in the background and a
     * winner other than the serving one goes through the hot-swap trial, unless the operator named a file meanwhile.
     */
    void startAutoSelection(EdgewatchConfig config) {
        if (auto == null) {
            return;
        }
        if (!auto.startSelection(config, recent, this::swapToVariant,
                (name, path) -> metrics.variantChosen(name, auto.cpu()))) {
            metrics.variantChosen(serving().modelName(), auto.cpu());
        }
    }

    private synchronized boolean swapToVariant(Path file) {
        if (!applied.model().auto()) {
            return false; // the operator named a file meanwhile: theirs wins
        }
        ModelTrial.Verdict v = swap.reload(applied.model().withPath(file), applied.detect());
        return v != null && v.accepted();
    }

    /** Stops a variant measurement still running (shutdown). */
    void stopSelection() throws InterruptedException {
        if (auto != null) {
            auto.stop();
        }
    }

    /** Hot-swaps if {@code model.*} or the model file changed (tried first, see {@link ModelSwap}). */
    synchronized void reload(EdgewatchConfig next) {
        applied = next;
        if (next.model().auto() && auto == null) {
            log.warn("model.path: auto takes effect at the next start; the serving model stays");
            return;
        }
        swap.reload(resolve(next.model()), next.detect());
    }

    /** The file behind the serving model: {@code model.path}, or the variant {@code auto} chose. */
    Path modelFile(EdgewatchConfig now) {
        return resolve(now.model()).path();
    }

    private ModelConfig resolve(ModelConfig model) {
        return auto == null ? model : auto.resolve(model);
    }

    Detector serving() {
        return detector.serving();
    }

    /** What the detect loop runs (it switches models between passes). */
    SwappableDetector detector() {
        return detector;
    }

    RecentFrames recent() {
        return recent;
    }

    ModelSwap swap() {
        return swap;
    }

    ModelMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        detector.close();
    }
}
