package io.edgewatch.detect;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Picks the model variant (fp32, int8 U8S8, …) for the CPU it runs on: the fastest measured one whose fidelity
 * against the fp32 reference passes the gate, and caches the choice in the state directory keyed by CPU model and
 * the variants' hashes, so a new CPU or a new model file is measured again and nothing else is.
 */
public final class VariantChoice {
    /** One measured variant; the reference has fidelity 1 by definition. */
    public record Measured(String name, Path path, String sha256, double p90Nanos, double fidelity,
                           double p50Nanos) {
        /** Without a median (only p90 decides). */
        public Measured(String name, Path path, String sha256, double p90Nanos, double fidelity) {
            this(name, path, sha256, p90Nanos, fidelity, Double.NaN);
        }
    }

    /** The cache file's name in the state directory (next to the outbox). */
    public static final String CACHE_FILE = "model-choice.properties";

    private VariantChoice() {}

    /** The cache file for a config whose outbox is {@code outboxPath}: the same (state) directory. */
    public static Path cacheFile(Path outboxPath) {
        Path dir = outboxPath.toAbsolutePath().getParent();
        return dir.resolve(CACHE_FILE);
    }

    /** This machine's CPU model ({@link #cpuModel} of /proc/cpuinfo), "unknown" when it cannot be read. */
    public static String localCpu() {
        try {
            return cpuModel(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The cache key of these variant files on this CPU (hashes the files). */
    public static String fileKey(String cpuModel, Collection<Path> variants) {
        return key(cpuModel, variants.stream().map(ModelFiles::sha256).toList());
    }

    /** The fastest variant at or above {@code minFidelity}; empty when none passes. */
    public static Optional<Measured> pick(List<Measured> variants, double minFidelity) {
        return variants.stream().filter(v -> v.fidelity() >= minFidelity && !Double.isNaN(v.p90Nanos()))
                .min(Comparator.comparingDouble(Measured::p90Nanos));
    }

    /** Cache key: CPU model name and the sorted variant hashes. */
    public static String key(String cpuModel, List<String> sha256s) {
        return cpuModel.trim() + "|" + sha256s.stream().sorted().collect(Collectors.joining(","));
    }

    /** "model name" from /proc/cpuinfo text (x86; ARM kernels often lack it: then "CPU part"), or "unknown". */
    public static String cpuModel(String cpuinfo) {
        String part = null;
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String k = line.substring(0, colon).trim();
            if (k.equals("model name")) {
                return line.substring(colon + 1).trim();
            }
            if (k.equals("CPU part") && part == null) {
                part = "arm part " + line.substring(colon + 1).trim();
            }
        }
        return part == null ? "unknown" : part;
    }

    /** The cached variant file for this key, if one was stored. */
    public static Optional<Path> cached(Path cacheFile, String key) {
        Properties p = load(cacheFile);
        return key.equals(p.getProperty("key")) ? Optional.of(Path.of(p.getProperty("path"))) : Optional.empty();
    }

    /** The sha256 of the cached choice for this key (matched against the variant files, wherever they live). */
    public static Optional<String> cachedSha256(Path cacheFile, String key) {
        Properties p = load(cacheFile);
        return key.equals(p.getProperty("key")) ? Optional.ofNullable(p.getProperty("sha256")) : Optional.empty();
    }

    private static Properties load(Path cacheFile) {
        Properties p = new Properties();
        if (Files.isRegularFile(cacheFile)) {
            try (Reader r = Files.newBufferedReader(cacheFile)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties(); // unreadable cache: measure again
            }
        }
        return p;
    }

    /** Stores the choice (one entry: a different key replaces it). */
    public static void store(Path cacheFile, String key, Measured chosen) {
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("path", chosen.path().toString());
        p.setProperty("name", chosen.name());
        p.setProperty("sha256", chosen.sha256());
        p.setProperty("cpu", key.substring(0, Math.max(0, key.indexOf('|'))));
        p.setProperty("p90_ms", String.format("%.2f", chosen.p90Nanos() / 1e6));
        try {
            Files.createDirectories(cacheFile.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(cacheFile)) {
                p.store(w, "edgewatch model variant choice");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + cacheFile, e);
        }
    }
}
