package io.edgewatch.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Pragmas, tables and the schema version of the outbox file (see {@link Outbox} for why these pragmas). */
final class OutboxSchema {
    private OutboxSchema() {}

    static void prepare(Connection db, int version) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA busy_timeout = 3000");
            s.execute("PRAGMA locking_mode = EXCLUSIVE");
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL");
            // No checkpoint inside a commit: with synchronous=NORMAL a checkpoint fsyncs, which stalled the detect
            // thread's append for tens of ms (hundreds on an SD card). The publisher thread checkpoints instead
            // (Outbox.checkpointIfDue).
            s.execute("PRAGMA wal_autocheckpoint = 0");
            int found = userVersion(s);
            if (found > version) {
                throw new SQLException("outbox schema version " + found + " is newer than this build (" + version
                        + ")");
            }
            // The first write takes the exclusive lock; a second process on the same file fails here (SQLITE_BUSY).
            s.execute("BEGIN IMMEDIATE");
            if (found == version) {
                // Nothing to write: an existing outbox opens even on a full filesystem.
                s.execute("COMMIT");
                return;
            }
            s.execute("CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "event_id TEXT NOT NULL, camera TEXT NOT NULL, seq INTEGER NOT NULL, "
                    + "created_ms INTEGER NOT NULL, payload BLOB NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS sequences (camera TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)");
            // Version 2: an event's commit writes only its own row. Expiry walks the rows in id order (which is
            // outbox-time order) instead of an index on created_ms, and a row's sequence number is kept when the
            // row is deleted (in the publisher's delete batch) instead of by an upsert in every event's commit.
            // Version 1 files (index, upsert per insert) are converted here: their sequences table is complete.
            s.execute("DROP INDEX IF EXISTS outbox_created");
            s.execute("CREATE TRIGGER IF NOT EXISTS outbox_keeps_sequences AFTER DELETE ON outbox BEGIN "
                    + "INSERT INTO sequences(camera, last_seq) VALUES (old.camera, old.seq) "
                    + "ON CONFLICT(camera) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq); END");
            s.execute("PRAGMA user_version = " + version);
            s.execute("COMMIT");
        }
    }

    private static int userVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
