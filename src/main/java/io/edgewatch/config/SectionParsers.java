package io.edgewatch.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Maps and validates the device, logging, model, detect and mqtt sections. Defaults are in docs/config.md. */
final class SectionParsers {
    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");
    /** Below this the byte bound would evict nearly every event at once. */
    private static final long MIN_OUTBOX_BYTES = 64L << 10;
    private static final Pattern BROKER_URL = Pattern.compile("(tcp|ssl|ws|wss)://[^/:\\s]+(:\\d{1,5})?(/\\S*)?");

    private final Path baseDir;
    private final Predicate<Path> fileExists;

    SectionParsers(Path baseDir, Predicate<Path> fileExists) {
        this.baseDir = baseDir;
        this.fileExists = fileExists;
    }

    DeviceConfig device(ConfigSection s) {
        String name = s.string("name", "edgewatch");
        s.check("name", Names.valid(name), Names.RULE);
        return new DeviceConfig(name);
    }

    LoggingConfig logging(ConfigSection s) {
        String level = s.string("level", "info").toLowerCase(Locale.ROOT);
        s.check("level", LEVELS.contains(level), "must be one of " + String.join(", ", LEVELS));
        return new LoggingConfig(level);
    }

    /** Detector output formats (detect.ModelFormat spells the same names). */
    static final List<String> MODEL_FORMATS = List.of("auto", "nanodet", "yolov8", "yolov5", "yolox", "ssd");

    ModelConfig model(ConfigSection s) {
        String file = s.string("path", "models/nanodet-m-416.int8.onnx");
        int threads = s.integer("threads", 1);
        int inputSize = s.integer("input_size", 416);
        s.check("path", !file.isBlank(), "must not be empty");
        boolean auto = file.trim().equals(ModelConfig.AUTO.toString());
        Path path = auto ? ModelConfig.AUTO : resolve(s, "path", file);
        s.check("path", path == null || auto || fileExists.test(path), "model file not found: " + path);
        List<Path> variants = variants(s, auto);
        s.check("threads", threads >= 1 && threads <= 64, "must be between 1 and 64");
        s.check("input_size", inputSize >= 32 && inputSize <= 2048 && inputSize % 32 == 0,
                "must be a multiple of 32 between 32 and 2048");
        String format = s.string("format", "auto").toLowerCase(Locale.ROOT);
        s.check("format", MODEL_FORMATS.contains(format), "must be one of " + String.join(", ", MODEL_FORMATS));
        String labelsFile = s.string("labels", "");
        Path labels = labelsFile.isBlank() ? null : resolve(s, "labels", labelsFile);
        s.check("labels", labels == null || fileExists.test(labels), "labels file not found: " + labels);
        double minFidelity = s.decimal("min_fidelity", ModelConfig.DEFAULT_MIN_FIDELITY);
        s.check("min_fidelity", minFidelity >= 0 && minFidelity <= 1, "must be between 0 and 1");
        return new ModelConfig(path == null ? Path.of("") : path, threads, inputSize, format,
                labels == null ? "" : labels.toString(), minFidelity, s.bool("force", false), variants);
    }

    /** model.variants (shipped default), resolved; the files must exist only when model.path is auto. */
    private List<Path> variants(ConfigSection s, boolean auto) {
        List<String> given = s.strings("variants");
        s.check("variants", !s.has("variants") || given.size() >= 2,
                "must list at least two files, the fp32 reference first");
        List<Path> out = new ArrayList<>();
        List<String> files = given.isEmpty() ? ModelConfig.DEFAULT_VARIANTS : given;
        for (int i = 0; i < files.size(); i++) {
            Path p = resolve(s, "variants", files.get(i));
            if (p != null) {
                s.checkAt("variants", "variants[" + i + "]", files.get(i), !auto || fileExists.test(p),
                        "model file not found: " + p);
                out.add(p);
            }
        }
        return out;
    }

    DetectConfig detect(ConfigSection s) {
        double minScore = s.decimal("min_score", 0.45);
        Map<String, Double> perLabel = s.decimals("label_min_score");
        List<String> labels = s.strings("labels");
        double nmsIou = s.decimal("nms_iou", 0.5);
        Map<String, Double> minArea = s.decimals("label_min_area");
        s.check("min_score", minScore >= 0 && minScore <= 1, "must be between 0 and 1");
        s.check("nms_iou", nmsIou >= 0 && nmsIou <= 1, "must be between 0 and 1");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            s.checkAt("labels", "labels[" + i + "]", label, CocoNames.SET.contains(label), unknownLabel(label));
            s.checkAt("labels", "labels[" + i + "]", label, seen.add(label), "listed twice");
        }
        perLabel.forEach((label, score) -> {
            String at = "label_min_score." + label;
            s.checkAt("label_min_score", at, null, CocoNames.SET.contains(label), unknownLabel(label));
            s.checkAt("label_min_score", at, null, labels.isEmpty() || labels.contains(label)
                    || !CocoNames.SET.contains(label), "label is not in detect.labels, so it never produces events");
            s.checkAt("label_min_score", at, plain(score), score >= 0 && score <= 1,
                    "must be between 0 and 1");
        });
        minArea.forEach((label, area) -> {
            String at = "label_min_area." + label;
            s.checkAt("label_min_area", at, null, CocoNames.SET.contains(label), unknownLabel(label));
            s.checkAt("label_min_area", at, plain(area), area >= 0 && area <= 1,
                    "must be between 0 and 1 (fraction of the frame area)");
        });
        return new DetectConfig(minScore, perLabel, labels, nmsIou, minArea);
    }

    MqttConfig mqtt(ConfigSection s, DeviceConfig device) {
        String url = s.string("url", "").trim();
        String host = s.string("embedded_host", "127.0.0.1").trim();
        int port = s.integer("embedded_port", 1883);
        String prefix = s.string("topic_prefix", "edgewatch");
        String clientId = s.string("client_id", "");
        String username = s.string("username", "");
        String password = s.string("password", "");
        String passwordFile = s.string("password_file", "");
        int qos = s.integer("qos", 1);
        String outbox = s.string("outbox_path", MqttConfig.DEFAULT_OUTBOX.toString());
        int maxEvents = s.integer("outbox_max_events", MqttConfig.DEFAULT_OUTBOX_MAX_EVENTS);
        Duration maxAge = Durations.parse(s, "outbox_max_age", MqttConfig.DEFAULT_OUTBOX_MAX_AGE);
        long maxBytes = s.longInteger("outbox_max_bytes", MqttConfig.DEFAULT_OUTBOX_MAX_BYTES);
        s.check("url", url.isEmpty() || BROKER_URL.matcher(url).matches(),
                "must be empty (embedded broker) or tcp://, ssl://, ws:// or wss:// host[:port]");
        s.check("url", UrlPorts.valid(UrlPorts.authority(url)), UrlPorts.RULE);
        s.check("embedded_host", !host.isEmpty() && !host.contains(" "), "must be a host name or IP address");
        s.check("embedded_port", port >= 0 && port <= 65535, "must be between 0 and 65535 (0 = any free port)");
        s.check("topic_prefix", !prefix.isEmpty() && !prefix.startsWith("/") && !prefix.endsWith("/")
                && !prefix.matches(".*[+#\\s\\x00].*"),
                "must be non-empty, without + # or spaces, and not start or end with /");
        s.check("client_id", clientId.length() <= 128 && !clientId.matches(".*\\s.*"),
                "must be at most 128 characters without spaces (empty = edgewatch-" + device.name() + ")");
        s.check("password", password.isEmpty() || !username.isEmpty(), "is set but mqtt.username is empty");
        MqttSecurity security = security(s, url, username, password, passwordFile);
        password = SecretFiles.read(this, s, "password_file", passwordFile, password);
        s.check("qos", qos == 0 || qos == 1, "must be 0 or 1");
        s.check("outbox_path", !outbox.isBlank(), "must not be empty");
        Path outboxPath = resolve(s, "outbox_path", outbox);
        s.check("outbox_max_events", maxEvents >= 1 && maxEvents <= 10_000_000, "must be between 1 and 10000000");
        s.check("outbox_max_age", !maxAge.isNegative() && !maxAge.isZero(), "must be positive, e.g. 48h");
        s.check("outbox_max_bytes", maxBytes >= MIN_OUTBOX_BYTES, "must be at least 65536 (64 KiB)");
        return new MqttConfig(url, host, port, prefix, clientId, username, password, qos,
                outboxPath == null ? MqttConfig.DEFAULT_OUTBOX : outboxPath, maxEvents, maxAge, security, maxBytes);
    }

    private MqttSecurity security(ConfigSection s, String url, String username, String password, String pwFile) {
        s.check("password_file", pwFile.isEmpty() || password.isEmpty(), "set only one of password and password_file");
        s.check("password_file", pwFile.isEmpty() || !username.isEmpty(), "is set but mqtt.username is empty");
        Path pw = pwFile.isBlank() ? null : resolve(s, "password_file", pwFile);
        MqttSecurity security = new MqttSecurity(pw == null ? "" : pw.toString(), existingFile(s, "tls_ca_file"),
                existingFile(s, "tls_cert_file"), existingFile(s, "tls_key_file"));
        s.check("tls_key_file", security.certFile().isEmpty() == security.keyFile().isEmpty(),
                "tls_cert_file and tls_key_file must be set together");
        s.check("tls_ca_file", !security.hasTlsFiles() || url.startsWith("ssl://") || url.startsWith("wss://"),
                "TLS files are set but mqtt.url is not ssl:// or wss://");
        return security;
    }

    SnapshotConfig snapshots(ConfigSection s) {
        SnapshotConfig d = SnapshotConfig.DISABLED;
        boolean enabled = s.bool("enabled", d.enabled());
        int maxSize = s.integer("max_size", d.maxSize());
        int quality = s.integer("quality", d.quality());
        boolean blur = s.bool("blur_faces", d.blurFaces());
        String model = s.string("face_model", d.faceModel().toString());
        double threshold = s.decimal("face_threshold", d.faceThreshold());
        boolean full = s.bool("full_frame", d.fullFrame());
        s.check("max_size", maxSize >= 16 && maxSize <= 4096, "must be between 16 and 4096");
        s.check("quality", quality >= 1 && quality <= 100, "must be between 1 and 100");
        s.check("face_threshold", threshold > 0 && threshold < 1, "must be between 0 and 1 (exclusive)");
        Path path = resolve(s, "face_model", model);
        s.check("face_model", path == null || !enabled || !blur || fileExists.test(path),
                "face model not found: " + path);
        return new SnapshotConfig(enabled, maxSize, quality, blur, path == null ? d.faceModel() : path, threshold,
                full);
    }

    /** An optional file key: "" when unset, else the resolved path, which must exist. */
    String existingFile(ConfigSection s, String key) {
        String file = s.string(key, "");
        if (file.isBlank()) {
            return "";
        }
        Path path = resolve(s, key, file);
        s.check(key, path == null || fileExists.test(path), "file not found: " + path);
        return path == null ? "" : path.toString();
    }

    MetricsConfig metrics(ConfigSection s) {
        boolean enabled = s.bool("enabled", true);
        String host = s.string("host", "127.0.0.1").trim();
        int port = s.integer("port", MetricsConfig.DEFAULT_PORT);
        s.check("host", !host.isEmpty() && !host.contains(" "), "must be a host name or IP address");
        s.check("port", port >= 0 && port <= 65535, "must be between 0 and 65535 (0 = any free port)");
        return new MetricsConfig(enabled, host, port);
    }

    HomeAssistantConfig homeAssistant(ConfigSection s) {
        boolean enabled = s.bool("enabled", true);
        String prefix = s.string("prefix", HomeAssistantConfig.DEFAULT_PREFIX);
        s.check("prefix", prefix.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*"),
                "must be topic levels of letters, digits, _ or - separated by / (HA's discovery prefix)");
        return new HomeAssistantConfig(enabled, prefix);
    }

    BudgetConfig budget(ConfigSection s) {
        double fraction = s.decimal("inference_fraction", 1.0);
        s.check("inference_fraction", fraction > 0 && fraction <= 1, "must be greater than 0 and at most 1");
        return new BudgetConfig(fraction > 0 && fraction <= 1 ? fraction : 1.0);
    }

    /** Resolves a file path against the base dir; reports a malformed path and returns null. */
    Path resolve(ConfigSection s, String key, String file) {
        if (s.failed(key)) {
            return null;
        }
        try {
            return baseDir.resolve(file).normalize();
        } catch (InvalidPathException e) {
            s.fail(key, "is not a valid file path: " + e.getReason());
            return null;
        }
    }

    boolean exists(Path path) {
        return fileExists.test(path);
    }

    /** 2.0 prints as 2, as the user most likely wrote it. */
    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String unknownLabel(String label) {
        return "not a COCO-80 label" + KeyHints.didYouMean(label, CocoNames.LABELS) + " (see docs/config.md)";
    }
}
