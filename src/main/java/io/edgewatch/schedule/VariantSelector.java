package io.edgewatch.schedule;

import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.VariantChoice;
import io.edgewatch.detect.VariantTrial;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code model.path: auto}: which variant serves at start (the cached choice for this CPU and these files, else
 * the first int8 variant), and the selection in the background once the detect loop has recent frames: every
 * variant loaded beside the serving model, timed on those frames ({@link VariantTrial}), the fastest that passes
 * {@code model.min_fidelity} against the fp32 reference picked ({@link VariantChoice#pick}) and cached. Switching
 * to the pick is the caller's (through the hot-swap trial). The first event never waits for it.
 */
public final class VariantSelector {
    private static final Logger log = LoggerFactory.getLogger(VariantSelector.class);
    private static final long POLL_NANOS = 200_000_000L;

    /** What the selection waits for and spends. */
    public record Settings(int minFrames, VariantTrial.Budget budget) { }

    private final ModelConfig auto;
    private final Path cacheFile;
    private final String cpu;
    private final TimeSource time;

    public VariantSelector(ModelConfig auto, Path cacheFile, String cpu, TimeSource time) {
        if (!auto.auto() || auto.variants().isEmpty()) {
            throw new IllegalArgumentException("model.path must be auto with variants");
        }
        this.auto = auto;
        this.cacheFile = Objects.requireNonNull(cacheFile, "cacheFile");
        this.cpu = Objects.requireNonNull(cpu, "cpu");
        this.time = Objects.requireNonNull(time, "time");
    }

    /** The cached choice when it is one of the variants and still there. */
    public Optional<Path> cached() {
        List<String> shas = auto.variants().stream().map(DetectorFactory::sha256).toList();
        return VariantChoice.cachedSha256(cacheFile, VariantChoice.key(cpu, shas))
                .filter(shas::contains).map(sha -> auto.variants().get(shas.indexOf(sha)));
    }

    /** Files to try serving at start, in order: the cached choice, else the int8 variants and then the reference. */
    public List<Path> startOrder() {
        Optional<Path> hit = cached();
        if (hit.isPresent()) {
            return List.of(hit.get());
        }
        List<Path> order = new ArrayList<>(auto.variants().subList(1, auto.variants().size()));
        order.add(auto.variants().get(0));
        return order;
    }

    public String cpu() {
        return cpu;
    }

    /** Waits (polling, interruptibly) until {@code recent} holds {@code minFrames}, then {@link #select}. */
    public Optional<VariantChoice.Measured> selectWhenReady(RecentFrames recent, DetectConfig detect,
                                                            DetectorFactory factory, Settings s)
            throws InterruptedException {
        while (recent.size() < s.minFrames()) {
            time.sleepNanos(POLL_NANOS);
        }
        List<VideoFrame> frames = recent.snapshot().stream().map(RecentFrames.Sample::frame).toList();
        return select(frames, detect, factory, s.budget(), line -> log.debug("model auto: {}", line));
    }

    /** Loads every variant, times them on {@code frames}, picks, caches and logs the choice. */
    public Optional<VariantChoice.Measured> select(List<VideoFrame> frames, DetectConfig detect,
                                                   DetectorFactory factory, VariantTrial.Budget budget,
                                                   Consumer<String> progress) {
        List<VariantTrial.Variant> loaded = new ArrayList<>();
        try {
            for (Path p : auto.variants()) {
                loaded.add(new VariantTrial.Variant(p, factory.create(auto.withPath(p), detect)));
            }
            List<VariantChoice.Measured> all = new VariantTrial(time).run(loaded, frames, budget, progress);
            Optional<VariantChoice.Measured> pick = VariantChoice.pick(all, auto.minFidelity());
            if (pick.isEmpty()) {
                log.warn("model auto: no variant passes model.min_fidelity {} on {} ({}); keeping the serving one",
                        auto.minFidelity(), cpu, summary(all));
                return pick;
            }
            log.info("model auto: {} (measured on {} over {} frames: {}); cached in {}", pick.get().name(), cpu,
                    frames.size(), summary(all), cacheFile);
            try {
                VariantChoice.store(cacheFile, VariantChoice.fileKey(cpu, auto.variants()), pick.get());
            } catch (UncheckedIOException e) {
                log.warn("model auto: cannot cache the choice ({}); it is measured again at the next start",
                        e.getCause().toString());
            }
            return pick;
        } finally {
            loaded.forEach(v -> v.detector().close());
        }
    }

    static String summary(List<VariantChoice.Measured> all) {
        return all.stream().map(m -> String.format(Locale.ROOT, "%s p90 %.1f ms AP50 %.3f", m.name(),
                m.p90Nanos() / 1e6, m.fidelity())).collect(Collectors.joining(", "));
    }
}
