package io.edgewatch.cli;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.ConfigError;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.ModelConfig;
import io.edgewatch.config.MqttSecurity;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What check-config verifies beyond the YAML: that the run would not fail at start on a file. The model
 * (each {@code auto} variant) loads in ONNX Runtime and fits the decoder, every named file is readable, and the outbox file can be
 * created or opened for writing. Problems come back as config errors ({@code path: value: message}).
 */
final class DeepChecks {
    private final List<ConfigError> errors = new ArrayList<>();

    static List<ConfigError> of(EdgewatchConfig c) {
        DeepChecks d = new DeepChecks();
        if (c.model().auto()) {
            c.model().variants().forEach(v -> d.model("model.variants", c.model().withPath(v), c));
        } else {
            d.model("model.path", c.model(), c);
        }
        for (int i = 0; i < c.cameras().size(); i++) {
            CameraConfig cam = c.cameras().get(i);
            if (cam.enabled() && !cam.url().contains("://")) {
                d.readable("cameras[" + i + "].url", Path.of(cam.url()));
            }
        }
        if (c.snapshots().enabled() && c.snapshots().blurFaces()) {
            d.readable("snapshots.face_model", c.snapshots().faceModel());
        }
        MqttSecurity s = c.mqtt().security();
        d.readable("mqtt.password_file", s.passwordFile());
        d.readable("mqtt.tls_ca_file", s.caFile());
        d.readable("mqtt.tls_cert_file", s.certFile());
        d.readable("mqtt.tls_key_file", s.keyFile());
        d.writable("mqtt.outbox_path", c.mqtt().outboxPath().toAbsolutePath());
        return List.copyOf(d.errors);
    }

    /** The file is readable, loads and fits its decoder. */
    private void model(String key, ModelConfig m, EdgewatchConfig c) {
        int before = errors.size();
        readable(key, m.path());
        if (errors.size() == before) {
            new DetectorFactory(TimeSource.system()).check(m, c.detect())
                    .forEach(e -> errors.add(new ConfigError(key, m.path().toString(), e)));
        }
    }

    private void readable(String key, String file) {
        if (!file.isEmpty()) {
            readable(key, Path.of(file));
        }
    }

    private void readable(String key, Path file) {
        if (!Files.isReadable(file)) {
            errors.add(new ConfigError(key, file.toString(), "file is not readable by this user"));
        }
    }

    /** The file itself if it exists, else the nearest existing directory above it, must be writable. */
    private void writable(String key, Path file) {
        Path existing = file;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isWritable(existing) || (existing != file && !Files.isDirectory(existing))) {
            errors.add(new ConfigError(key, file.toString(), "cannot be created or written: "
                    + (existing == null ? "no existing parent directory" : existing + " is not a writable directory")));
        }
    }
}
