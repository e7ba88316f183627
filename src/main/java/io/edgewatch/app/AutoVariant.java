package io.edgewatch.app;

import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.VariantChoice;
import io.edgewatch.detect.VariantTrial;
import io.edgewatch.schedule.RecentFrames;
import io.edgewatch.schedule.VariantSelector;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires {@code model.path: auto}: opens the start variant (cached choice, else int8, else the first that loads),
 * runs {@link VariantSelector} on a background thread once frames arrive, and hands a different pick to the
 * hot-swap. Reloads see the auto config made concrete with the current choice ({@link #resolve}).
 */
final class AutoVariant {
    private static final Logger log = LoggerFactory.getLogger(AutoVariant.class);
    /** Frames the background selection waits for (the detect thread keeps one a second). */
    static final int MIN_FRAMES = 4;
    /** Inference time per variant: a few seconds in all, once per CPU and model files. */
    static final VariantTrial.Budget BUDGET = new VariantTrial.Budget(1_500_000_000L, 8, 200);

    private final VariantSelector selector;
    private final TimeSource time;
    private volatile Path chosen;
    private volatile Thread thread;
    private volatile boolean measure;

    private AutoVariant(VariantSelector selector, TimeSource time) {
        this.selector = selector;
        this.time = time;
    }

    /** For an auto config: the selector over its variants, the cache next to the outbox. Null otherwise. */
    static AutoVariant of(EdgewatchConfig config, TimeSource time) {
        if (!config.model().auto()) {
            return null;
        }
        Path cache = VariantChoice.cacheFile(config.mqtt().outboxPath());
        return new AutoVariant(new VariantSelector(config.model(), cache, VariantChoice.localCpu(), time), time);
    }

    /** Opens the variant to serve at start; remembers whether the background selection must still run. */
    Detector open(ModelConfig auto, EdgewatchConfig config) {
        boolean cached = selector.cached().isPresent();
        RuntimeException last = null;
        for (Path p : selector.startOrder()) {
            try {
                Detector d = new DetectorFactory(time).create(auto.withPath(p), config.detect());
                chosen = p;
                measure = !cached;
                log.info(cached ? "model auto: {} (cached choice for {})"
                        : "model auto: serving {} until the variants are measured on {}", d.modelName(), selector.cpu());
                return d;
            } catch (RuntimeException e) {
                log.warn("model auto: {} does not load: {}", p, e.getMessage());
                last = e;
            }
        }
        throw last;
    }

    /** {@code next} with {@code auto} replaced by the current choice. */
    ModelConfig resolve(ModelConfig next) {
        return next.auto() ? next.withPath(chosen) : next;
    }

    String cpu() {
        return selector.cpu();
    }

    /**
     * Starts the background selection unless the choice came from the cache (then false). {@code swapTo} gets a
     * pick that differs from the serving file and says whether it took over; {@code picked} every pick (metrics).
     */
    boolean startSelection(EdgewatchConfig config, RecentFrames recent, Predicate<Path> swapTo,
                           BiConsumer<String, Path> picked) {
        if (!measure) {
            return false;
        }
        Thread t = new Thread(() -> {
            try {
                selector.selectWhenReady(recent, config.detect(), new DetectorFactory(time),
                        new VariantSelector.Settings(MIN_FRAMES, BUDGET)).ifPresent(m -> {
                            if (m.path().equals(chosen) || swapTo.test(m.path())) {
                                chosen = m.path();
                                picked.accept(m.name(), m.path());
                            }
                        });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping
            } catch (RuntimeException e) {
                log.warn("model auto: selection failed, keeping {}: {}", chosen, e.toString());
            }
        }, "model-select");
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> log.error("model-select thread died", e));
        thread = t;
        t.start();
        return true;
    }

    /** Stops a selection still waiting or running (bounded: an inference in progress finishes first). */
    void stop() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            t.join(5_000);
        }
    }
}
