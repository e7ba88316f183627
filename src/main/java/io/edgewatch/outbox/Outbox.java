package io.edgewatch.outbox;

import io.edgewatch.util.RateLimitedLog;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.sqlite.SQLiteErrorCode;
import org.slf4j.LoggerFactory;

/**
 * Durable event outbox in one SQLite file: every event is appended (committed) before it is published and deleted
 * only after the broker acknowledged it, so events survive a broker outage, a crash and {@code kill -9}.
 * <p>
 * Journal: WAL with {@code synchronous=NORMAL}: a commit is a write into the WAL without an fsync; it survives any
 * crash of the process, only a power cut can lose the last commits. The file is locked, so a second daemon on the
 * same file fails at once. A {@code sequences} table keeps the last sequence number per camera.
 * <p>
 * Storage faults never throw and never wedge: an append that cannot be written goes to a bounded in-memory
 * {@link SpillQueue} and the file is retried with backoff; a delete that fails is remembered and retried; a broken
 * file is moved aside ({@link OutboxOpener}); a file deleted while open is recreated with its rows ({@link
 * DiskWatch}). All methods are synchronized: the detect thread appends, the publisher thread reads and deletes.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final long RETRY_MIN_NANOS = Duration.ofMillis(250).toNanos();
    private static final long RETRY_MAX_NANOS = Duration.ofSeconds(30).toNanos();
    /** Spilled events written back per transaction. */
    private static final int WRITE_BACK_CHUNK = 16;

    private final String name;
    private final OutboxLimits limits;
    private final TimeSource time;
    private final OutboxOpener opener;
    private final RateLimitedLog warnings;
    private final SpillQueue spill;
    private final DiskWatch watch;
    private final Set<Long> pendingDeletes = new LinkedHashSet<>();
    private final RecentRows recent = new RecentRows(Long.MAX_VALUE);
    /** Rows removed other than by delivery (evicted, expired) when {@link #recent} was last checked. */
    private long removalsSeen;
    private final long baseMillis;
    private final long baseNanos;
    private OutboxFile file;
    private Evictor evictor;
    private long nextId = 1;
    private long written;
    private long delivered;
    private long droppedExpired;
    private long writeFailures;
    private boolean diskOk;
    private long retryAt;
    private long retryDelay = RETRY_MIN_NANOS;
    private boolean closed;

    private Outbox(OutboxOpener opener, String name, OutboxLimits limits, TimeSource time) {
        this.opener = opener;
        this.name = name;
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
        this.warnings = new RateLimitedLog(LOG, Duration.ofMinutes(1), time);
        this.spill = new SpillQueue(limits.spillCapacity());
        this.baseNanos = time.nanos();
        OutboxFile f = opener == null ? inMemoryFile() : opener.open();
        this.watch = opener == null ? null : new DiskWatch(opener.file(), limits, time);
        long storedMax = use(f);
        this.baseMillis = Math.max(time.millis(), storedMax);
    }

    /**
     * Opens (creating it and its directory if needed) the outbox file; a broken file is moved aside and replaced.
     * @throws OutboxException only if another process holds the file
     */

    public static Outbox open(Path file, OutboxLimits limits, TimeSource time) {
        Objects.requireNonNull(file, "file must not be null");
        return new Outbox(new OutboxOpener(file, time, limits.spillCapacity()), file.toString(), limits, time);
    }

    /** A non-durable outbox in memory (tests, or a publisher without a state directory). */
    public static Outbox inMemory(OutboxLimits limits, TimeSource time) {
        return new Outbox(null, ":memory:", limits, time);
    }

    public boolean durable() {
        return opener != null;
    }

    /**
     * Appends one event (committed to the file, or kept in memory while the file cannot be written); the oldest
     * events are dropped and counted when a bound is reached. Never throws for a storage fault.
     * @return true (the event is kept); false only if the outbox was closed meanwhile
     */
    public synchronized boolean append(String eventId, String camera, long seq, byte[] payload) {
        if (closed) {
            return false;
        }
        StoredEvent e = new StoredEvent(nextId++, eventId, camera, seq, nowMillis(), payload);
        written++;
        maintain();
        if (spill.isEmpty() && diskOk && write(List.of(e))) {
            return true;
        }
        spill.add(e);
        retryIfDue();
        return true;
    }

    /** Up to {@code limit} events with a row id greater than {@code rowId}, oldest first (file, then memory). */
    public synchronized List<StoredEvent> after(long rowId, int limit) {
        requireOpen();
        retryIfDue();
        List<StoredEvent> out = new ArrayList<>();
        long removed = removals();
        if (removed != removalsSeen) {
            removalsSeen = removed;
            recent.reset(nextId - 1);
        }
        if (file != null && recent.covers(rowId)) {
            recent.after(rowId, limit, pendingDeletes, out);
        } else if (file != null) {
            try {
                for (StoredEvent e : file.after(rowId, limit + pendingDeletes.size())) {
                    if (out.size() < limit && !pendingDeletes.contains(e.rowId())) {
                        out.add(e);
                    }
                }
            } catch (SQLException e) {
                // Returning the spilled rows now would move the reader's cursor past the unread file rows.
                warnings.warn("read", "cannot read outbox {}: {}", name, e.getMessage());
                return out;
            }
        }
        long last = out.isEmpty() ? rowId : out.get(out.size() - 1).rowId();
        spill.after(last, limit, out);
        return out;
    }

    /** Deletes delivered events; ids already gone are ignored, a failed delete is retried later. Never throws. */
    public synchronized void delivered(Collection<Long> rowIds) {
        if (closed) {
            return;
        }
        recent.removed(rowIds);
        for (long id : rowIds) {
            if (spill.remove(id)) {
                delivered++;
            } else {
                pendingDeletes.add(id);
            }
        }
        if (diskOk) {
            deletePending();
        } else {
            retryIfDue(); // deletes the pending ones once the file is writable again
        }
    }

    /** Deletes events older than the age limit (by outbox time, see {@link StoredEvent}). @return how many */
    public synchronized int expire() {
        requireOpen();
        long cutoff = nowMillis() - limits.maxAge().toMillis();
        int n = spill.expire(cutoff);
        if (file != null) {
            try {
                n += (int) evictor.expire(cutoff);
            } catch (SQLException e) {
                warnings.warn("expire", "cannot expire events in outbox {}: {}", name, e.getMessage());
            }
        }
        droppedExpired += n;
        return n;
    }

    /** Last sequence number written per camera, to seed the event factory's counter after a restart. */
    public synchronized Map<String, Long> lastSequences() {
        requireOpen();
        try {
            return file == null ? new HashMap<>() : file.lastSequences();
        } catch (SQLException e) {
            warnings.warn("sequences", "cannot read sequences from outbox {}: {}", name, e.getMessage());
            return new HashMap<>();
        }
    }

    public synchronized OutboxStats stats() {
        Evictor ev = evictor;
        return new OutboxStats(size(), ev == null ? 0 : ev.bytes(), written,
                delivered + (ev == null ? 0 : ev.evictedDelivered()),
                ev == null ? 0 : ev.droppedFull(), droppedExpired, spill.dropped(),
                ev == null ? 0 : ev.droppedNoSpace(), spill.size(), pendingDeletes.size(), writeFailures, diskOk);
    }

    public synchronized int size() {
        int onDisk = evictor == null ? 0 : (int) evictor.rows() - pendingDeletes.size();
        return Math.max(0, onDisk) + spill.size();
    }

    /** Writes what is in memory if it can, then releases the file lock. Idempotent, never throws. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        if (!spill.isEmpty() && file != null && write(spill.all())) {
            spill.clear();
        }
        deletePending();
        closed = true;
        if (!spill.isEmpty() && durable()) {
            LOG.error("outbox {} closed with {} event(s) that could not be written to the file: lost", name,
                    spill.size());
        }
        closeFile();
    }

    @Override
    public String toString() {
        return "Outbox[" + name + ", " + limits + "]";
    }

    /**
     * The clock {@link StoredEvent#createdMillis()} is stamped with: wall time at open, advanced by the monotonic
     * clock (immune to NTP steps while running). Ages of stored events are measured against it.
     */
    public long nowMillis() {
        return baseMillis + (time.nanos() - baseNanos) / 1_000_000L;
    }

    /** Takes {@code f} into use. @return the newest created_ms stored in it (0 if none) */
    private long use(OutboxFile f) {
        file = f;
        diskOk = f != null;
        recent.reset(Long.MAX_VALUE);
        if (f == null) {
            scheduleRetry();
            return 0;
        }
        try {
            long[] t = f.totals();
            evictor = new Evictor(f, limits, t[0], t[1]).counting(evictor);
            nextId = Math.max(nextId, t[2] + 1);
            recent.reset(nextId - 1);
            return t[3];
        } catch (SQLException e) {
            warnings.error("open", "cannot read outbox {}: {}", name, e.getMessage());
            evictor = new Evictor(f, limits, 0, 0).counting(evictor);
            return 0;
        }
    }

    private boolean write(Collection<StoredEvent> rows) {
        try {
            evictor.makeRoom(rows, watch == null ? Long.MAX_VALUE : watch.ceiling(), pendingDeletes);
            file.insert(rows);
            evictor.added(rows);
            recent.written(rows);
            diskOk = true;
            retryDelay = RETRY_MIN_NANOS;
            return true;
        } catch (SQLException e) {
            warnings.warn("write", "cannot write to outbox {} ({}); keeping events in memory (at most {}) and "
                    + "retrying", name, e.getMessage(), limits.spillCapacity());
            fault(e);
            return false;
        }
    }

    /** A write or delete failed: back off, and make room if the filesystem is full. */
    private void fault(SQLException e) {
        LOG.debug("outbox fault", e);
        writeFailures++;
        scheduleRetry();
        if (OutboxOpener.is(e, SQLiteErrorCode.SQLITE_FULL)) {
            evictor.freeSpace(pendingDeletes);
        }
    }

    private void scheduleRetry() {
        diskOk = false;
        retryAt = time.nanos() + retryDelay;
        retryDelay = Math.min(RETRY_MAX_NANOS, retryDelay * 2);
    }

    /** While the file cannot be written: try again when the backoff allows, the spilled events first. */
    private void retryIfDue() {
        if ((diskOk && spill.isEmpty()) || time.nanos() - retryAt < 0 || closed) {
            return;
        }
        if (opener != null && file != null && !diskOk) {
            // After a failed write the driver's connection can stay unusable ("statement is not executing"):
            // start from a fresh one, which also re-checks the file.
            closeFile();
            file = null;
        }
        if (file == null) {
            use(reopen());
            if (file == null) {
                return;
            }
            evictor.relieve(watch, pendingDeletes);
        }
        int moved = writeBackSpill();
        if (spill.isEmpty()) {
            LOG.info("outbox {} is writable again, {} event(s) moved from memory to the file", name, moved);
            deletePending();
        }
    }

    /**
     * Moves the spilled events to the file in small transactions, oldest first: one big transaction needs WAL room
     * for all of them at once, which a nearly full filesystem may not have while each chunk fits.
     * @return events moved (the rest stays in memory if a chunk failed)
     */
    private int writeBackSpill() {
        int moved = 0;
        while (!spill.isEmpty()) {
            List<StoredEvent> chunk = spill.oldest(WRITE_BACK_CHUNK);
            if (!write(chunk)) {
                return moved;
            }
            spill.removeOldest(chunk.size());
            moved += chunk.size();
            recent.reset(nextId - 1); // rows older than the ones held went to the file
        }
        return moved;
    }

    private OutboxFile reopen() {
        try {
            return opener.open();
        } catch (OutboxException e) {
            warnings.error("reopen", "{}", e.getMessage()); // another process took the file: keep retrying
            return null;
        }
    }

    private long removals() {
        Evictor ev = evictor;
        return droppedExpired + (ev == null ? 0 : ev.droppedFull() + ev.droppedNoSpace() + ev.evictedDelivered());
    }

    private void deletePending() {
        if (pendingDeletes.isEmpty() || file == null) {
            return;
        }
        try {
            long[] gone = file.delete(pendingDeletes);
            evictor.removed(gone[0], gone[1]);
            delivered += gone[0];
            pendingDeletes.clear();
        } catch (SQLException e) {
            warnings.warn("delete", "cannot delete {} delivered event(s) from outbox {} ({}); retrying later",
                    pendingDeletes.size(), name, e.getMessage());
            evictor.trimPending(pendingDeletes, limits.maxEvents());
            fault(e);
        }
    }

    /**
     * Publisher thread (also while disconnected): checkpoints the WAL into the main file once enough commits went
     * into it. The file's own automatic checkpoint is off, so the detect thread's append never waits for the fsync
     * a checkpoint does. A failure is retried at the next call.
     */
    public synchronized void checkpointIfDue() {
        if (closed || file == null || !diskOk || !file.checkpointDue()) {
            return;
        }
        try {
            file.checkpointPassive();
        } catch (SQLException e) {
            warnings.warn("checkpoint", "cannot checkpoint outbox {} ({}); retrying later", name, e.getMessage());
        }
    }

    /** Cheap periodic checks (not per event): free-space floor and a file deleted underneath us. */
    private void maintain() {
        if (watch == null || file == null || !watch.due()) {
            return;
        }
        if (watch.deleted()) {
            recreate();
        }
        evictor.relieve(watch, pendingDeletes);
    }

    private void recreate() {
        long waiting = evictor.rows() - pendingDeletes.size();
        OutboxFile fresh = opener.recreateFrom(file);
        closeFile();
        watch.reset();
        if (fresh == null) {
            LOG.error("outbox file {} was deleted while running and cannot be recreated now: the {} event(s) "
                    + "waiting in it are lost; new events are kept in memory until the file can be written", name,
                    waiting);
            use(null);
            return;
        }
        LOG.error("outbox file {} was deleted while running; recreated it with the {} event(s) still waiting", name,
                waiting);
        use(fresh);
    }

    private void closeFile() {
        if (file == null) {
            return;
        }
        try {
            file.close();
        } catch (SQLException e) {
            LOG.warn("cannot close outbox {}: {}", name, e.getMessage());
        }
    }

    private OutboxFile inMemoryFile() {
        try {
            return new OutboxFile("jdbc:sqlite::memory:");
        } catch (SQLException e) {
            throw new OutboxException("cannot create in-memory outbox: " + e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("outbox " + name + " is closed");
        }
    }
}
