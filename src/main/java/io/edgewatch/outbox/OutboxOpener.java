package io.edgewatch.outbox;

import io.edgewatch.util.RateLimitedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import io.edgewatch.util.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens the outbox file and deals with a broken one: a file SQLite cannot open or finds damaged is moved aside as
 * {@code <name>.corrupt-<UTC time>} (with its -wal/-shm) and a fresh file is created in its place, with one ERROR
 * line. A file locked by another process is not broken: that is a second daemon, and it fails at once. A directory
 * the daemon cannot write (read-only mount, immutable, permissions) is not a broken file either: nothing is moved,
 * one ERROR line says that events are kept in memory meanwhile, and the caller retries.
 */
final class OutboxOpener {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxOpener.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String[] SIDE_FILES = {"", "-wal", "-shm"};

    private final Path file;
    private final TimeSource time;
    private final RateLimitedLog errors;
    private final int spillCapacity;

    /** @param spillCapacity events kept in memory while the file cannot be written (named in the ERROR line) */
    OutboxOpener(Path file, TimeSource time, int spillCapacity) {
        this.file = Objects.requireNonNull(file, "file must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
        this.spillCapacity = spillCapacity;
        this.errors = new RateLimitedLog(LOG, Duration.ofMinutes(1), time);
    }

    Path file() {
        return file;
    }

    /**
     * Opens the file, replacing it by a fresh one if it is broken.
     * @return null if no outbox file can be written here now (read-only or full filesystem): the caller retries
     * @throws OutboxException if another process holds the file
     */
    OutboxFile open() {
        SQLException first;
        try {
            return tryOpen();
        } catch (SQLException e) {
            if (is(e, SQLiteErrorCode.SQLITE_BUSY) || is(e, SQLiteErrorCode.SQLITE_LOCKED)) {
                throw new OutboxException("cannot open outbox " + file + ": " + e.getMessage(), e);
            }
            if (is(e, SQLiteErrorCode.SQLITE_FULL)) {
                // The file is fine, the disk is not: keep it and retry later.
                errors.error("full", "outbox {} cannot be opened, the filesystem is full; events are kept in "
                        + "memory until it can", file);
                return null;
            }
            if (!directoryWritable()) {
                errors.error("read-only", "outbox {} cannot be written: its directory is read-only or not writable "
                        + "({}); events are kept in an in-memory queue instead (at most {}, oldest dropped first, "
                        + "counted as write_error) and published directly while connected; the outbox file is "
                        + "retried with backoff", file, e.getMessage(), spillCapacity);
                return null;
            }
            first = e;
        } catch (IOException e) {
            errors.error("create", "outbox {} cannot be created ({}); events are kept in memory until it can", file,
                    e.toString());
            return null;
        }
        Path aside = moveAside();
        try {
            OutboxFile fresh = tryOpen();
            LOG.error("outbox {} could not be used ({}); moved aside to {} and started a fresh outbox: the events "
                    + "waiting in it were not delivered and stay in that file, sequence numbers restart",
                    file, first.getMessage(), aside);
            return fresh;
        } catch (SQLException | IOException e) {
            errors.error("unusable", "outbox {} could not be used ({}) and no fresh one can be created there ({}); "
                    + "the file is {}; "
                    + "events are kept in memory until the outbox can be written", file, first.getMessage(),
                    e.getMessage(), aside == null ? "left in place" : "moved aside to " + aside);
            return null;
        }
    }

    /** Opens a fresh file copied from {@code live} (whose file was deleted while open). @return null on failure */
    OutboxFile recreateFrom(OutboxFile live) {
        try {
            createDirectory();
            Files.deleteIfExists(sibling("-wal"));
            Files.deleteIfExists(sibling("-shm"));
            live.copyTo(file.toString());
            return tryOpen();
        } catch (SQLException | IOException e) {
            LOG.warn("cannot recreate outbox {}: {}", file, e.toString());
            return null;
        }
    }

    private OutboxFile tryOpen() throws SQLException, IOException {
        createDirectory();
        OutboxFile f = new OutboxFile("jdbc:sqlite:" + file);
        try {
            f.check();
            return f;
        } catch (SQLException e) {
            f.close();
            throw e;
        }
    }

    /** access(W_OK): also false for root on a read-only mount or an immutable directory. */
    private boolean directoryWritable() {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null || !Files.isDirectory(dir) || Files.isWritable(dir);
    }

    private void createDirectory() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
    }

    /** @return where the main file went, or null if it could not be moved (or did not exist) */
    private Path moveAside() {
        String suffix = ".corrupt-" + STAMP.format(time.now());
        Path moved = null;
        for (String side : SIDE_FILES) {
            Path from = sibling(side);
            Path to = from.resolveSibling(from.getFileName() + suffix);
            try {
                if (Files.exists(from)) {
                    Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
                    moved = side.isEmpty() ? to : moved;
                }
            } catch (IOException e) {
                LOG.debug("cannot move {} aside: {}", from, e.toString());
            }
        }
        return moved;
    }

    private Path sibling(String side) {
        return file.resolveSibling(file.getFileName() + side);
    }

    /** The primary result code, also when the driver reports an extended one (SQLITE_IOERR_WRITE...). */
    static boolean is(SQLException e, SQLiteErrorCode code) {
        int c = e instanceof SQLiteException s ? s.getResultCode().code : e.getErrorCode();
        return (c & 0xff) == code.code;
    }
}
