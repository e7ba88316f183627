package io.edgewatch.outbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import io.edgewatch.util.TimeSource;

/**
 * The outbox's view of its filesystem, checked at most once a second (a stat and a statvfs), never per event:
 * was the file deleted underneath us, and is the filesystem below its free-space floor. Below the floor the
 * outbox stops growing: its contents are capped a tenth below their current size (SQLite reuses the freed pages,
 * so the file no longer grows), and capped again if free space keeps shrinking. Guarded by the {@link Outbox}.
 */
final class DiskWatch {
    static final long CHECK_NANOS = Duration.ofSeconds(1).toNanos();
    static final int ROOM = 0;
    static final int NEAR = 1;
    static final int LOW = 2;

    private final Path file;
    private final OutboxLimits limits;
    private final TimeSource time;
    private long lastCheck;
    private long lastUsable = Long.MAX_VALUE;
    private long ceiling = Long.MAX_VALUE;

    DiskWatch(Path file, OutboxLimits limits, TimeSource time) {
        this.file = file.toAbsolutePath();
        this.limits = limits;
        this.time = time;
        this.lastCheck = time.nanos();
    }

    /** True once per check interval. */
    boolean due() {
        long now = time.nanos();
        if (now - lastCheck < CHECK_NANOS) {
            return false;
        }
        lastCheck = now;
        return true;
    }

    boolean deleted() {
        return !Files.exists(file);
    }

    /**
     * @param storedBytes bytes the outbox holds now
     * @return {@link #ROOM}, {@link #NEAR} (within twice the floor: time to give the WAL's space back) or
     * {@link #LOW} (below the floor: {@link #ceiling} is the new cap on stored bytes)
     */
    int check(long storedBytes) {
        // java.io.File asks statvfs directly; Files.getFileStore read the mount table each time (0.3 ms per check
        // on the detect thread, which appends). 0 means it cannot tell (e.g. the directory is gone).
        File dir = file.getParent().toFile();
        long total = dir.getTotalSpace();
        long usable = dir.getUsableSpace();
        if (total == 0) {
            return ROOM; // cannot tell; a failing write will say more
        }
        long floor = limits.freeFloor(total);
        if (usable >= floor) {
            ceiling = Long.MAX_VALUE;
            lastUsable = Long.MAX_VALUE;
            return usable >= 2 * floor ? ROOM : NEAR;
        }
        if (ceiling == Long.MAX_VALUE || usable < lastUsable) {
            ceiling = storedBytes - storedBytes / 10;
        }
        lastUsable = usable;
        return LOW;
    }

    /** Cap on stored bytes while below the free-space floor; {@code Long.MAX_VALUE} when there is room. */
    long ceiling() {
        return ceiling;
    }

    void reset() {
        ceiling = Long.MAX_VALUE;
        lastUsable = Long.MAX_VALUE;
    }
}
