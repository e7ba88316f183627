package io.edgewatch.outbox;

import io.edgewatch.util.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Durable event outbox in one SQLite file: every event is appended (committed) before it is published and deleted
 * only after the broker acknowledged it, so events survive a broker outage, a crash and {@code kill -9}.
 * <p>
 * Journal: WAL with {@code synchronous=NORMAL}. A commit is then a write into the WAL file without an fsync; it
 * survives any crash of the process (the data is in the OS page cache), and only a power cut can lose the last
 * commits since the latest checkpoint. {@code FULL} would fsync every event, which on an SD card costs milliseconds
 * and flash wear per event for protection against power loss alone. The file is opened in exclusive locking mode,
 * so a second daemon on the same file fails at once instead of replaying the same events.
 * <p>
 * A {@code sequences} table keeps the last sequence number per camera (updated in the same transaction as the
 * append), so a restart continues the series even when every event was already delivered and deleted.
 * All methods are synchronized: the detect thread appends, the publisher thread reads and deletes.
 */
public final class Outbox implements AutoCloseable {
    private static final int SCHEMA_VERSION = 1;

    private final Connection db;
    private final String name;
    private final OutboxLimits limits;
    private final TimeSource time;
    private final PreparedStatement insert;
    private final PreparedStatement upsertSeq;
    private final PreparedStatement after;
    private final PreparedStatement deleteOne;
    private final PreparedStatement dropOldest;
    private final PreparedStatement expire;
    private int stored;
    private long written;
    private long delivered;
    private long droppedFull;
    private long droppedExpired;
    private long writeErrors;
    private boolean closed;

    private Outbox(String url, String name, OutboxLimits limits, TimeSource time) throws SQLException {
        this.name = name;
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
        db = DriverManager.getConnection(url);
        try {
            OutboxSchema.prepare(db, SCHEMA_VERSION);
            insert = db.prepareStatement(
                    "INSERT INTO outbox(event_id, camera, seq, created_ms, payload) VALUES (?, ?, ?, ?, ?)");
            upsertSeq = db.prepareStatement("INSERT INTO sequences(camera, last_seq) VALUES (?, ?) "
                    + "ON CONFLICT(camera) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)");
            after = db.prepareStatement("SELECT id, event_id, camera, seq, created_ms, payload FROM outbox "
                    + "WHERE id > ? ORDER BY id LIMIT ?");
            deleteOne = db.prepareStatement("DELETE FROM outbox WHERE id = ?");
            dropOldest = db.prepareStatement(
                    "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT ?)");
            expire = db.prepareStatement("DELETE FROM outbox WHERE created_ms < ?");
            stored = count();
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    /** Opens (creating it and its directory if needed) the outbox file. */
    public static Outbox open(Path file, OutboxLimits limits, TimeSource time) {
        Objects.requireNonNull(file, "file must not be null");
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            return new Outbox("jdbc:sqlite:" + file, file.toString(), limits, time);
        } catch (IOException | SQLException e) {
            throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
        }
    }

    /** A non-durable outbox in memory (tests, or a publisher without a state directory). */
    public static Outbox inMemory(OutboxLimits limits, TimeSource time) {
        try {
            return new Outbox("jdbc:sqlite::memory:", ":memory:", limits, time);
        } catch (SQLException e) {
            throw new OutboxException("cannot create in-memory outbox: " + e.getMessage(), e);
        }
    }

    public boolean durable() {
        return !name.equals(":memory:");
    }

    /**
     * Appends one event and commits; when the outbox is full the oldest events are deleted (counted) first.
     * @return false if the write failed (counted, the event is lost)
     */
    public synchronized boolean append(String eventId, String camera, long seq, byte[] payload) {
        requireOpen();
        try {
            db.setAutoCommit(false);
            int over = stored + 1 - limits.maxEvents();
            if (over > 0) {
                dropOldest.setInt(1, over);
                int n = dropOldest.executeUpdate();
                droppedFull += n;
                stored -= n;
            }
            insert.setString(1, eventId);
            insert.setString(2, camera);
            insert.setLong(3, seq);
            insert.setLong(4, time.millis());
            insert.setBytes(5, payload);
            insert.executeUpdate();
            upsertSeq.setString(1, camera);
            upsertSeq.setLong(2, seq);
            upsertSeq.executeUpdate();
            db.commit();
            stored++;
            written++;
            return true;
        } catch (SQLException e) {
            rollback();
            writeErrors++;
            stored = countQuietly();
            return false;
        } finally {
            autoCommit();
        }
    }

    /** Up to {@code limit} events with a row id greater than {@code rowId}, oldest first. */
    public synchronized List<StoredEvent> after(long rowId, int limit) {
        requireOpen();
        List<StoredEvent> out = new ArrayList<>();
        try {
            after.setLong(1, rowId);
            after.setInt(2, limit);
            try (ResultSet rs = after.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getLong(5), rs.getBytes(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new OutboxException("cannot read outbox " + name + ": " + e.getMessage(), e);
        }
    }

    /** Deletes delivered events (one transaction). Ids already gone (dropped meanwhile) are ignored. */
    public synchronized void delivered(Collection<Long> rowIds) {
        if (rowIds.isEmpty() || closed) {
            return;
        }
        try {
            db.setAutoCommit(false);
            int n = 0;
            for (long id : rowIds) {
                deleteOne.setLong(1, id);
                n += deleteOne.executeUpdate();
            }
            db.commit();
            delivered += n;
            stored -= n;
        } catch (SQLException e) {
            rollback();
            stored = countQuietly();
            throw new OutboxException("cannot delete from outbox " + name + ": " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    /** Deletes events older than the age limit. @return how many */
    public synchronized int expire() {
        requireOpen();
        try {
            expire.setLong(1, time.millis() - limits.maxAge().toMillis());
            int n = expire.executeUpdate();
            droppedExpired += n;
            stored -= n;
            return n;
        } catch (SQLException e) {
            throw new OutboxException("cannot expire outbox " + name + ": " + e.getMessage(), e);
        }
    }

    /** Last sequence number written per camera, to seed the event factory's counter after a restart. */
    public synchronized Map<String, Long> lastSequences() {
        requireOpen();
        Map<String, Long> out = new HashMap<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT camera, last_seq FROM sequences")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        } catch (SQLException e) {
            throw new OutboxException("cannot read sequences from " + name + ": " + e.getMessage(), e);
        }
    }

    public synchronized OutboxStats stats() {
        return new OutboxStats(stored, written, delivered, droppedFull, droppedExpired, writeErrors);
    }

    public synchronized int size() {
        return stored;
    }

    /** Idempotent; releases the file lock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.close();
        } catch (SQLException e) {
            throw new OutboxException("cannot close outbox " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Outbox[" + name + ", " + limits + "]";
    }

    private int count() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private int countQuietly() {
        try {
            return count();
        } catch (SQLException e) {
            return stored;
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the next call reports it
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("outbox " + name + " is closed");
        }
    }
}
