package io.edgewatch.app;

import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.util.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a changed model file is worth a hot-swap trial: it waits until the file's size and mtime have
 * been stable for {@link #STABLE_NANOS} (a copy in progress is never tried half-written), then compares its sha256
 * with the serving model's and with the last file tried, so a touch, or a refused file saved again unchanged, starts
 * no trial. Used on the config-reload thread only.
 */
final class ModelFileCheck {
    /** The file must look unchanged for this long before it is read. */
    static final long STABLE_NANOS = 1_000_000_000L;
    /** How often size and mtime are looked at while waiting. */
    static final long POLL_NANOS = 200_000_000L;
    /** A file still changing after this long is left for the next change event, so config reloads are not held up. */
    static final long MAX_WAIT_NANOS = 30_000_000_000L;

    private final TimeSource time;
    private String lastTried;

    ModelFileCheck(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Size and mtime: what a writer changes while it copies. */
    private record Look(long size, long mtimeNanos) {
        static Look of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Look(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Waits until the file has looked the same for {@link #STABLE_NANOS}; false if it is missing, unreadable or still
     * changing after {@link #MAX_WAIT_NANOS}.
     */
    boolean awaitStable(Path file) throws InterruptedException {
        long start = time.nanos();
        try {
            Look last = Look.of(file);
            long sameSince = start;
            while (time.nanos() - sameSince < STABLE_NANOS) {
                if (time.nanos() - start > MAX_WAIT_NANOS) {
                    return false;
                }
                time.sleepNanos(POLL_NANOS);
                Look now = Look.of(file);
                if (!now.equals(last)) {
                    last = now;
                    sameSince = time.nanos();
                }
            }
            return true;
        } catch (IOException e) {
            return false; // e.g. removed, or unreadable for now: a later change event brings it back
        }
    }

    /**
     * The file's sha256 when it differs from the serving model and from the last file this check let through,
     * else null. A returned sha256 counts as tried.
     */
    String worthTrying(Path file, String servingSha256) {
        String sha;
        try {
            sha = DetectorFactory.sha256(file);
        } catch (RuntimeException e) {
            return null; // vanished while hashing: a later event brings it back
        }
        if (sha.equals(servingSha256) || sha.equals(lastTried)) {
            return null;
        }
        lastTried = sha;
        return sha;
    }
}
