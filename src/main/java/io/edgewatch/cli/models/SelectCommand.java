package io.edgewatch.cli.models;

import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.config.ConfigException;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.VariantChoice;
import io.edgewatch.detect.VariantTrial;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.LargeStack;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgewatch models select}: what {@code model.path: auto} does in the daemon, in the foreground. Times the
 * variants on real frames of a clip (interleaved), measures each one's AP50 against the fp32 reference, picks the
 * fastest that passes the fidelity gate and writes the choice to the cache the daemon reads at start.
 */
@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pick the model variant for this CPU, as model.path: auto does, and cache the choice.",
                "Times the variants interleaved on clip frames, AP50 of each against the fp32 reference;",
                "the fastest (p90) that passes --min-fidelity wins. Table on stdout, progress on stderr."})
public final class SelectCommand implements Callable<Integer> {
    static final Path DEFAULT_REFERENCE = Path.of("models/nanodet-m-416.onnx");
    static final Path DEFAULT_CANDIDATE = Path.of("models/nanodet-m-416.int8.onnx");
    /** detect.min_score and detect.nms_iou defaults (docs/config.md) when no config is given. */
    private static final DetectConfig DEFAULT_DETECT = new DetectConfig(0.45, Map.of(), List.of(), 0.5);

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "daemon config: its model.variants (when model.path is auto), model.min_fidelity, "
                    + "model.threads and state directory (next to mqtt.outbox_path)")
    Path config;

    @Option(names = "--reference", paramLabel = "FILE",
            description = "fp32 reference variant (default: the config's first variant, else models/nanodet-m-416.onnx)")
    Path reference;

    @Option(names = "--model", paramLabel = "FILE",
            description = "another variant; repeat (default: the config's other variants, else "
                    + "models/nanodet-m-416.int8.onnx)")
    List<Path> models;

    @Option(names = "--clip", defaultValue = "test-videos/vtest-people.mp4", paramLabel = "SOURCE",
            description = "video file, rtsp:// URL or image folder whose frames are timed (default ${DEFAULT-VALUE})")
    String clip;

    @Option(names = "--frames", defaultValue = "8",
            description = "frames taken from the clip, every 6th (default ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--seconds", defaultValue = "3",
            description = "inference time per variant (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--min-fidelity", description = "AP50 gate against the reference (default: the config's "
            + "model.min_fidelity, else " + ModelConfig.DEFAULT_MIN_FIDELITY + ")")
    Double minFidelity;

    @Option(names = "--cache", paramLabel = "FILE", description = "cache file to write (default: "
            + VariantChoice.CACHE_FILE + " next to the config's outbox, else in $STATE_DIRECTORY, else in state/)")
    Path cache;

    @Override
    public Integer call() throws Exception {
        Optional<EdgewatchConfig> c;
        try {
            c = config == null ? Optional.empty() : Optional.of(ConfigLoader.load(config));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        List<Path> variants = variants(c);
        String bad = problem(variants);
        if (bad != null) {
            System.err.println("models select: " + bad);
            return 2;
        }
        List<VideoFrame> sample;
        try {
            sample = FrameSampler.read(clip, new FrameSampler.Selection(0, 6, frames), s -> { });
        } catch (Exception e) {
            System.err.println("models select: cannot read frames from " + clip + ": " + e.getMessage());
            return 2;
        }
        if (sample.isEmpty()) {
            System.err.println("models select: no frames in " + clip);
            return 2;
        }
        return LargeStack.call("models-select", () -> select(c, variants, sample));
    }

    private int select(Optional<EdgewatchConfig> c, List<Path> variants, List<VideoFrame> sample) {
        ModelConfig model = c.map(EdgewatchConfig::model).orElse(new ModelConfig(ModelConfig.AUTO, 1, 416));
        DetectConfig detect = c.map(EdgewatchConfig::detect).orElse(DEFAULT_DETECT);
        double gate = minFidelity != null ? minFidelity : model.minFidelity();
        String cpu = VariantChoice.localCpu();
        DetectorFactory factory = new DetectorFactory(TimeSource.system());
        List<VariantTrial.Variant> loaded = new ArrayList<>();
        try {
            for (Path p : variants) {
                loaded.add(new VariantTrial.Variant(p.toAbsolutePath().normalize(),
                        factory.create(model.withPath(p), detect)));
            }
            System.err.printf(Locale.ROOT, "timing %d variants on %d frames of %s, %.1f s each, on %s%n",
                    variants.size(), sample.size(), clip, seconds, cpu);
            long budget = (long) (seconds * 1e9);
            List<VariantChoice.Measured> all = new VariantTrial(TimeSource.system()).run(loaded, sample,
                    new VariantTrial.Budget(budget, sample.size(), 10_000), line -> System.err.println("  " + line));
            Optional<VariantChoice.Measured> pick = VariantChoice.pick(all, gate);
            System.out.print(table(all, pick, gate));
            if (pick.isEmpty()) {
                System.out.printf(Locale.ROOT, "no variant reaches AP50 %.2f: nothing cached%n", gate);
                return 1;
            }
            Path file = cacheFile(c);
            VariantChoice.store(file, VariantChoice.fileKey(cpu, variants), pick.get());
            System.out.printf("picked %s for %s; cached in %s%n", pick.get().name(), cpu, file);
            return 0;
        } finally {
            loaded.forEach(v -> v.detector().close());
        }
    }

    static String table(List<VariantChoice.Measured> all, Optional<VariantChoice.Measured> pick, double gate) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "| variant | p50 ms | p90 ms | fidelity (AP50 vs %s) | picked |%n|---|---|---|---|---|%n",
                all.get(0).name()));
        for (VariantChoice.Measured m : all) {
            String mark = pick.map(p -> p.path().equals(m.path()) ? "yes" : "").orElse("");
            if (m.fidelity() < gate) {
                mark = "below " + gate;
            }
            b.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.3f | %s |%n", m.name(), m.p50Nanos() / 1e6,
                    m.p90Nanos() / 1e6, m.fidelity(), mark));
        }
        return b.toString();
    }

    private List<Path> variants(Optional<EdgewatchConfig> c) {
        List<Path> fromConfig = c.map(EdgewatchConfig::model).filter(ModelConfig::auto).map(ModelConfig::variants)
                .orElse(List.of());
        List<Path> out = new ArrayList<>();
        out.add(reference != null ? reference : fromConfig.isEmpty() ? DEFAULT_REFERENCE : fromConfig.get(0));
        if (models != null && !models.isEmpty()) {
            out.addAll(models);
        } else {
            out.addAll(fromConfig.isEmpty() ? List.of(DEFAULT_CANDIDATE) : fromConfig.subList(1, fromConfig.size()));
        }
        return out;
    }

    private String problem(List<Path> variants) {
        for (Path p : variants) {
            if (!Files.isRegularFile(p)) {
                return "model file not found: " + p + (p.isAbsolute() ? "" : " (resolved to " + p.toAbsolutePath()
                        + "; name them with --reference/--model or -c CONFIG)");
            }
        }
        if (frames < 1 || !(seconds >= 0) || minFidelity != null && (minFidelity < 0 || minFidelity > 1)) {
            return "--frames must be positive, --seconds >= 0, --min-fidelity between 0 and 1";
        }
        return clip.contains("://") || Files.exists(Path.of(clip)) ? null
                : "clip not found: " + clip + (Path.of(clip).isAbsolute() ? ""
                        : " (resolved to " + Path.of(clip).toAbsolutePath() + ")");
    }

    private Path cacheFile(Optional<EdgewatchConfig> c) {
        if (cache != null) {
            return cache;
        }
        if (c.isPresent()) {
            return VariantChoice.cacheFile(c.get().mqtt().outboxPath());
        }
        String state = System.getenv("STATE_DIRECTORY");
        Path outbox = state == null || state.isBlank() ? MqttConfig.DEFAULT_OUTBOX : Path.of(state, "outbox.db");
        return VariantChoice.cacheFile(outbox);
    }
}
