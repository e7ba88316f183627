package io.edgewatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Loads edgewatch YAML into {@link EdgewatchConfig}. YAML is read into a tree, then mapped and validated by
 * hand so that every problem is reported at once as {@code path: value: message}; unknown keys are errors.
 * Strings may use {@code ${ENV}} / {@code ${ENV:-default}} placeholders. Reference: docs/config.md.
 */
public final class ConfigLoader {
    private final EnvSubstitutor env;
    private final SectionParsers sections;
    private final CameraParser cameras;
    private final ObjectMapper yaml;

    /** Relative model and video paths resolve against {@code baseDir} and must exist there. */
    public ConfigLoader(Map<String, String> env, Path baseDir) {
        this(env, baseDir, ConfigLoader::isFile);
    }

    /** As above, with the existence check injected (tests, or tools that validate on another box). */
    public ConfigLoader(Map<String, String> env, Path baseDir, Predicate<Path> fileExists) {
        this.env = new EnvSubstitutor(Objects.requireNonNull(env, "env"));
        this.sections = new SectionParsers(Objects.requireNonNull(baseDir, "baseDir"),
                Objects.requireNonNull(fileExists, "fileExists"));
        this.cameras = new CameraParser(sections);
        this.yaml = YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** Every key the loader accepts as a dotted path ({@code cameras[].url}), in documentation order. */
    public static List<String> keyPaths() {
        return ConfigKeys.allPaths();
    }

    /**
     * Loads {@code file} with the process environment. Relative paths in it resolve against the directory
     * of the file itself, whatever the working directory (docs/config.md, "Relative paths").
     */
    public static EdgewatchConfig load(Path file) throws ConfigException {
        return new ConfigLoader(System.getenv(), baseDir(file)).read(file);
    }

    /** The directory relative paths in {@code configFile} resolve against. */
    public static Path baseDir(Path configFile) {
        Path parent = configFile.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /** Reads and validates one file. */
    public EdgewatchConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(new ConfigError(file.toString(), null,
                    "cannot read: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()))));
        }
        return parse(text, file.toString());
    }

    /** Validates YAML text; {@code source} names it in messages (a file name, "stdin", ...). */
    public EdgewatchConfig parse(String text, String source) throws ConfigException {
        JsonNode tree = readTree(text, source);
        Problems problems = new Problems(env);
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ConfigException(source, List.of(new ConfigError(source, null,
                    "is empty; at least a cameras list is required (see docs/config.md)")));
        }
        ConfigSection root = new ConfigSection("", tree, ConfigKeys.ROOT, problems);
        DeviceConfig device = sections.device(root.section("device", ConfigKeys.DEVICE));
        LoggingConfig logging = sections.logging(root.section("logging", ConfigKeys.LOGGING));
        ModelConfig model = sections.model(root.section("model", ConfigKeys.MODEL));
        DetectConfig detect = sections.detect(root.section("detect", ConfigKeys.DETECT));
        MqttConfig mqtt = sections.mqtt(root.section("mqtt", ConfigKeys.MQTT), device);
        List<CameraConfig> cams = cameras.cameras(root);
        MetricsConfig metrics = sections.metrics(root.section("metrics", ConfigKeys.METRICS));
        BudgetConfig budget = sections.budget(root.section("budget", ConfigKeys.BUDGET));
        SnapshotConfig snapshots = sections.snapshots(root.section("snapshots", ConfigKeys.SNAPSHOTS));
        HomeAssistantConfig ha = sections.homeAssistant(root.section("homeassistant", ConfigKeys.HOMEASSISTANT));
        if (!problems.isEmpty()) {
            throw new ConfigException(source, DocumentOrder.of(text).sort(problems.errors()));
        }
        return new EdgewatchConfig(device, logging, model, detect, mqtt, cams, metrics, budget, snapshots, ha);
    }

    private JsonNode readTree(String text, String source) throws ConfigException {
        try {
            return yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, List.of(syntaxError(source, e)));
        }
    }

    /**
     * {@code file:line:column: malformed YAML: problem}. The offending source line is deliberately not
     * quoted, as it may hold a secret.
     */
    private static ConfigError syntaxError(String source, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            String context = m.getContext() == null ? "" : " (" + m.getContext() + ")";
            return new ConfigError(source + ":" + (m.getProblemMark().getLine() + 1) + ":"
                    + (m.getProblemMark().getColumn() + 1), null, "malformed YAML: " + m.getProblem() + context);
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
        return new ConfigError(where, null, "malformed YAML: " + e.getOriginalMessage());
    }

    private static boolean isFile(Path p) {
        // Device nodes (e.g. /dev/video0) count; directories do not.
        return Files.exists(p) && !Files.isDirectory(p);
    }
}
