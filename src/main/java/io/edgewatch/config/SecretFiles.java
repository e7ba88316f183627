package io.edgewatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret (e.g. the MQTT password) from a file such as a systemd credential or a Docker secret. */
final class SecretFiles {
    private SecretFiles() {}

    /**
     * @return the file's content without the trailing line break, or {@code fallback} when no file is set or it
     *         cannot be read (reported, never with the content)
     */
    static String read(SectionParsers parsers, ConfigSection s, String key, String file, String fallback) {
        if (file.isBlank() || s.failed(key)) {
            return fallback;
        }
        Path path = parsers.resolve(s, key, file);
        if (path == null) {
            return fallback;
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
            s.check(key, !text.isEmpty(), "file is empty: " + path);
            return text;
        } catch (IOException e) {
            s.fail(key, "cannot read " + path + ": " + e.getClass().getSimpleName());
            return fallback;
        }
    }
}
