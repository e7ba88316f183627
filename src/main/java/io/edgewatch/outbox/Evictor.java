package io.edgewatch.outbox;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Keeps the outbox file within its bounds by deleting the oldest rows, and counts them by reason: {@code full}
 * (event count or byte bound) and {@code no_space} (free-space floor, or the filesystem reported full). Tracks rows
 * and bytes in the file so no bound costs a query per event. Guarded by the {@link Outbox}.
 */
final class Evictor {
    private static final int BATCH = 256;

    private final OutboxFile file;
    private final OutboxLimits limits;
    private long rows;
    private long bytes;
    private long droppedFull;
    private long droppedNoSpace;
    private long evictedDelivered;

    Evictor(OutboxFile file, OutboxLimits limits, long rows, long bytes) {
        this.file = file;
        this.limits = limits;
        this.rows = rows;
        this.bytes = bytes;
    }

    /** Continues the counters of the evictor of a file this one replaces (counts are since the outbox opened). */
    Evictor counting(Evictor previous) {
        if (previous != null) {
            droppedFull += previous.droppedFull;
            droppedNoSpace += previous.droppedNoSpace;
            evictedDelivered += previous.evictedDelivered;
        }
        return this;
    }

    /** Before inserting {@code incoming}: evict so that the bounds (and the no-space ceiling) hold afterwards. */
    void makeRoom(Collection<StoredEvent> incoming, long ceiling, Set<Long> pending) throws SQLException {
        long inBytes = 0;
        for (StoredEvent e : incoming) {
            inBytes += e.bytes();
        }
        long overRows = rows + incoming.size() - limits.maxEvents();
        long overBytes = bytes + inBytes - limits.maxBytes();
        if (overRows > 0 || overBytes > 0) {
            droppedFull += evict(overRows, overBytes, pending);
        }
        long overCeiling = bytes + inBytes - ceiling;
        if (overCeiling > 0) {
            droppedNoSpace += evict(0, overCeiling, pending);
        }
    }

    /**
     * Near or below the free-space floor: give the WAL's space back (WAL growth between checkpoints is the
     * largest short-term use of space), then if still below it shrink the contents to the watch's ceiling.
     */
    void relieve(DiskWatch watch, Set<Long> pending) {
        if (watch.check(bytes) == DiskWatch.ROOM) {
            return;
        }
        try {
            file.checkpoint();
        } catch (SQLException e) {
            // full: the eviction below frees pages inside the file
        }
        if (watch.check(bytes) == DiskWatch.LOW) {
            enforce(watch.ceiling(), pending);
        }
    }

    /** Below the free-space floor: shrink the contents to {@code ceiling} and give the WAL's space back. */
    void enforce(long ceiling, Set<Long> pending) {
        try {
            if (bytes > ceiling) {
                droppedNoSpace += evict(0, bytes - ceiling, pending);
            }
            file.checkpoint();
        } catch (SQLException e) {
            // The filesystem is full or failing: the next write reports it and retries.
        }
    }

    /** The filesystem said it is full: drop the oldest tenth (at least one event) and truncate the WAL. */
    void freeSpace(Set<Long> pending) {
        try {
            file.checkpoint();
        } catch (SQLException ignored) {
            // may fail for the same reason; the delete below still reuses pages
        }
        enforce(bytes - Math.max(1, bytes / 10), pending);
    }

    long expire(long cutoffMillis) throws SQLException {
        long[] gone = file.expire(cutoffMillis);
        removed(gone[0], gone[1]);
        return gone[0];
    }

    void added(Collection<StoredEvent> inserted) {
        for (StoredEvent e : inserted) {
            rows++;
            bytes += e.bytes();
        }
    }

    void removed(long n, long b) {
        rows = Math.max(0, rows - n);
        bytes = Math.max(0, bytes - b);
    }

    /** Forgets the oldest failed deletes beyond {@code max}: those events are redelivered after a restart. */
    void trimPending(Set<Long> pending, int max) {
        Iterator<Long> it = pending.iterator();
        for (int over = pending.size() - max; over > 0 && it.hasNext(); over--) {
            it.next();
            it.remove();
        }
    }

    long rows() {
        return rows;
    }

    long bytes() {
        return bytes;
    }

    long droppedFull() {
        return droppedFull;
    }

    /** Delivered rows whose pending delete was done by an eviction. */
    long evictedDelivered() {
        return evictedDelivered;
    }

    long droppedNoSpace() {
        return droppedNoSpace;
    }

    /** Deletes the oldest rows until both amounts are freed. @return events lost (delivered ones not counted) */
    private long evict(long needRows, long needBytes, Set<Long> pending) throws SQLException {
        long n = 0;
        long b = 0;
        long lost = 0;
        while (n < needRows || b < needBytes) {
            List<long[]> oldest = file.oldest(BATCH);
            if (oldest.isEmpty()) {
                break;
            }
            long lastId = -1;
            long batchRows = 0;
            long batchBytes = 0;
            for (long[] row : oldest) {
                if (n + batchRows >= needRows && b + batchBytes >= needBytes) {
                    break;
                }
                lastId = row[0];
                batchRows++;
                batchBytes += row[1];
            }
            file.deleteUpTo(lastId);
            removed(batchRows, batchBytes);
            n += batchRows;
            b += batchBytes;
            lost += batchRows - countPending(pending, lastId);
        }
        return lost;
    }

    /** Removes pending deletes up to {@code lastId} (now gone). @return how many there were */
    private long countPending(Set<Long> pending, long lastId) {
        long before = pending.size();
        pending.removeIf(id -> id <= lastId);
        evictedDelivered += before - pending.size();
        return before - pending.size();
    }
}
