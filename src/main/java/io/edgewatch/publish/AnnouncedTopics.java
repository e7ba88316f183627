package io.edgewatch.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discovery topics announced so far, one per line in a file in the state directory (next to the outbox), so
 * a restart with fewer cameras or labels knows which retained configs to clear. A file rather than a brief
 * subscription to our own discovery topics: it needs no connection or wait at start, no subscribe permission on
 * HA's prefix (brokers with ACLs rarely grant it to a publisher) and it also covers a changed prefix. If the file
 * cannot be read or written, discovery still works; only the clearing after the next restart is lost (logged).
 */
final class AnnouncedTopics {
    private static final Logger LOG = LoggerFactory.getLogger(AnnouncedTopics.class);
    private final Path file;

    /** @param file where the list lives; null = keep nothing (in-memory setups, tests) */
    AnnouncedTopics(Path file) {
        this.file = file;
    }

    Set<String> load() {
        Set<String> topics = new LinkedHashSet<>();
        if (file == null) {
            return topics;
        }
        try {
            Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(t -> !t.isEmpty()).forEach(topics::add);
        } catch (NoSuchFileException e) {
            return topics;   // first start
        } catch (IOException e) {
            LOG.warn("cannot read {}: discovery configs of removed cameras/labels stay in the broker: {}", file,
                    e.toString());
        }
        return topics;
    }

    /** Replaces the list (write to a temporary file, then rename: a crash leaves the old or the new list). */
    void save(Collection<String> topics) {
        if (file == null) {
            return;
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".ha-discovery", ".tmp");
            Files.write(tmp, topics, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot write {}: after a restart removed discovery configs may not be cleared: {}", file,
                    e.toString());
        }
    }
}
