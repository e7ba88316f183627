package io.edgewatch.outbox;

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

/**
 * The SQLite side of the {@link Outbox}: one connection and its statements. Every method throws the driver's
 * {@link SQLException}; deciding what a storage fault means (spill, retry, move aside) is the outbox's job.
 * Row ids are chosen by the outbox, not by SQLite, so an event keeps its id while it waits in memory.
 */
final class OutboxFile implements AutoCloseable {
    static final int SCHEMA_VERSION = 2;
    /** Bytes a row costs besides its payload and strings (row header, id, numbers), for the byte bound. */
    static final int ROW_OVERHEAD = 48;
    private static final String ROW_BYTES = "(length(payload) + length(event_id) + length(camera) + " + ROW_OVERHEAD
            + ")";

    static final int CHECKPOINT_COMMITS = 256;

    private final Connection db;
    private final PreparedStatement insert;
    private final PreparedStatement after;
    private final PreparedStatement deleteOne;
    private final PreparedStatement oldest;
    private final PreparedStatement deleteUpTo;
    private final PreparedStatement firstYoung;
    private final PreparedStatement deleteBefore;
    /** Commits since the WAL was last checkpointed. */
    private int commitsSinceCheckpoint;

    OutboxFile(String url) throws SQLException {
        db = DriverManager.getConnection(url);
        try {
            OutboxSchema.prepare(db, SCHEMA_VERSION);
            insert = db.prepareStatement(
                    "INSERT INTO outbox(id, event_id, camera, seq, created_ms, payload) VALUES (?, ?, ?, ?, ?, ?)");
            after = db.prepareStatement("SELECT id, event_id, camera, seq, created_ms, payload FROM outbox "
                    + "WHERE id > ? ORDER BY id LIMIT ?");
            deleteOne = db.prepareStatement("DELETE FROM outbox WHERE id = ? RETURNING " + ROW_BYTES);
            oldest = db.prepareStatement("SELECT id, " + ROW_BYTES + " FROM outbox ORDER BY id LIMIT ?");
            deleteUpTo = db.prepareStatement("DELETE FROM outbox WHERE id <= ?");
            firstYoung = db.prepareStatement("SELECT id FROM outbox WHERE created_ms >= ? ORDER BY id LIMIT 1");
            deleteBefore = db.prepareStatement("DELETE FROM outbox WHERE id < ? RETURNING " + ROW_BYTES);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    /** Fails if SQLite finds the file damaged (a cheap page-level check, run once at open). */
    void check() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String result = rs.next() ? rs.getString(1) : "no result";
            if (!"ok".equals(result)) {
                throw new SQLException("quick_check: " + result);
            }
        }
    }

    /** Inserts rows in one transaction: all or none. Their sequence numbers are kept when they are deleted. */
    void insert(Collection<StoredEvent> rows) throws SQLException {
        inTransaction(() -> {
            for (StoredEvent e : rows) {
                insert.setLong(1, e.rowId());
                insert.setString(2, e.eventId());
                insert.setString(3, e.camera());
                insert.setLong(4, e.seq());
                insert.setLong(5, e.createdMillis());
                insert.setBytes(6, e.payload());
                insert.executeUpdate();
            }
            return null;
        });
    }

    List<StoredEvent> after(long rowId, int limit) throws SQLException {
        after.setLong(1, rowId);
        after.setInt(2, limit);
        List<StoredEvent> out = new ArrayList<>();
        try (ResultSet rs = after.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                        rs.getBytes(6)));
            }
        }
        return out;
    }

    /** Deletes the given rows in one transaction; ids already gone are ignored. @return {@code [rows, bytes]} */
    long[] delete(Collection<Long> ids) throws SQLException {
        return inTransaction(() -> {
            long[] gone = new long[2];
            for (long id : ids) {
                deleteOne.setLong(1, id);
                try (ResultSet rs = deleteOne.executeQuery()) {
                    while (rs.next()) {
                        gone[0]++;
                        gone[1] += rs.getLong(1);
                    }
                }
            }
            return gone;
        });
    }

    /** Ids and byte sizes of the oldest rows, oldest first: {@code [id, bytes]} pairs. */
    List<long[]> oldest(int limit) throws SQLException {
        oldest.setInt(1, limit);
        List<long[]> out = new ArrayList<>();
        try (ResultSet rs = oldest.executeQuery()) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }

    void deleteUpTo(long rowId) throws SQLException {
        deleteUpTo.setLong(1, rowId);
        deleteUpTo.executeUpdate();
    }

    /**
     * Deletes rows written before {@code cutoffMillis}: the rows before the first one written at or after it, as
     * outbox time never goes back along the ids (see {@link StoredEvent}). Reads only the expired rows and one more.
     * @return {@code [rows, bytes]} deleted
     */
    long[] expire(long cutoffMillis) throws SQLException {
        firstYoung.setLong(1, cutoffMillis);
        long boundary = Long.MAX_VALUE;
        try (ResultSet rs = firstYoung.executeQuery()) {
            if (rs.next()) {
                boundary = rs.getLong(1);
            }
        }
        deleteBefore.setLong(1, boundary);
        long rows = 0;
        long bytes = 0;
        try (ResultSet rs = deleteBefore.executeQuery()) {
            while (rs.next()) {
                rows++;
                bytes += rs.getLong(1);
            }
        }
        return new long[] {rows, bytes};
    }

    /** {@code [rows, bytes, max id, max created_ms]} of what is stored (max id counts deleted rows too). */
    long[] totals() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum("
                + ROW_BYTES + "), 0), max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0), "
                + "coalesce(max(id), 0)), coalesce(max(created_ms), 0) FROM outbox")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        }
    }

    /** Last sequence number per camera: of the deleted rows (the sequences table) and of the rows still stored. */
    Map<String, Long> lastSequences() throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT camera, max(last_seq) FROM ("
                + "SELECT camera, last_seq FROM sequences UNION ALL SELECT camera, max(seq) FROM outbox GROUP BY camera"
                + ") GROUP BY camera")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /**
     * Copies the whole database into a new file (used when the open file was deleted underneath us). SQLite
     * refuses to VACUUM while prepared statements are alive, so they are closed: afterwards this object can only
     * be closed.
     */
    void copyTo(String path) throws SQLException {
        for (PreparedStatement p : new PreparedStatement[] {insert, after, deleteOne, oldest, deleteUpTo, firstYoung,
                deleteBefore}) {
            p.close();
        }
        try (PreparedStatement s = db.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, path);
            s.execute();
        }
    }

    /** Moves the WAL into the main file and truncates it: gives the WAL's disk space back. */
    void checkpoint() throws SQLException {
        checkpoint("TRUNCATE");
    }

    /**
     * Whether {@link #CHECKPOINT_COMMITS} commits went into the WAL since its last checkpoint: at a few WAL pages
     * per commit that is about SQLite's own default of 1000 pages (4 MB), now checkpointed by the caller's thread.
     */
    boolean checkpointDue() {
        return commitsSinceCheckpoint >= CHECKPOINT_COMMITS;
    }

    /** Copies the WAL into the main file; the WAL is then reused from its start (no truncation, no new space). */
    void checkpointPassive() throws SQLException {
        checkpoint("PASSIVE");
    }

    private void checkpoint(String mode) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(" + mode + ")");
        }
        commitsSinceCheckpoint = 0;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            T result = work.run();
            db.commit();
            commitsSinceCheckpoint++;
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException ignored) {
                // a broken connection; the next statement reports it
            }
        }
    }
}
