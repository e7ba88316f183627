package io.edgewatch.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * SD-card wear of the outbox: bytes written per stored event over a run of appends into a real outbox file, with
 * one transaction per event (what {@link Outbox#append} does) or several events per transaction (group commit).
 * Read from {@code /proc/self/io}: {@code wchar} (bytes passed to write(), on any filesystem) and
 * {@code write_bytes} (page-cache bytes the process dirtied, i.e. what the kernel will write to the device; 0 on
 * tmpfs, and a page dirtied again before it was flushed counts once). Whole-process counters: run it on a quiet
 * process. For {@code edgewatch bench} and the outbox wear test; the daemon does not use it.
 */
public final class WriteCost {
    /** Commits made before measuring: schema pages and the first WAL frames are not steady state. */
    private static final int WARMUP = 200;
    /** A typical event JSON. */
    private static final int PAYLOAD_BYTES = 600;

    /** Bytes per event of one run; NaN when /proc/self/io is missing (not Linux). */
    public record Result(int events, int perCommit, double wcharPerEvent, double writeBytesPerEvent) {}

    private WriteCost() {}

    /**
     * Appends {@code events} events to a fresh outbox file {@code file}, {@code perCommit} per transaction.
     * @throws IOException if the outbox cannot be written there
     */
    public static Result measure(Path file, int events, int perCommit) throws IOException {
        if (events <= 0 || perCommit <= 0) {
            throw new IllegalArgumentException("events and perCommit must be positive: " + events + ", " + perCommit);
        }
        byte[] payload = new byte[PAYLOAD_BYTES];
        try (OutboxFile f = new OutboxFile("jdbc:sqlite:" + file)) {
            long id = 1;
            for (int i = 0; i < WARMUP; i++, id++) {
                f.insert(List.of(event(id, payload)));
            }
            long[] before = io();
            for (int i = 0; i < events; i += perCommit) {
                List<StoredEvent> batch = new ArrayList<>(perCommit);
                for (int k = 0; k < perCommit; k++, id++) {
                    batch.add(event(id, payload));
                }
                f.insert(batch);
                if (f.checkpointDue()) {
                    f.checkpointPassive(); // as the daemon's publisher thread does
                }
            }
            long[] after = io();
            int n = (events + perCommit - 1) / perCommit * perCommit;
            return new Result(n, perCommit, perEvent(before[0], after[0], n), perEvent(before[1], after[1], n));
        } catch (SQLException e) {
            throw new IOException("cannot write outbox " + file + ": " + e.getMessage(), e);
        }
    }

    private static StoredEvent event(long id, byte[] payload) {
        return new StoredEvent(id, "wear-" + id, "bench", id, 1_000L + id, payload);
    }

    private static double perEvent(long before, long after, int n) {
        return before < 0 || after < 0 ? Double.NaN : (after - before) / (double) n;
    }

    /** {wchar, write_bytes}, -1 each where unknown. */
    private static long[] io() {
        long[] v = {-1, -1};
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) {
                    v[0] = Long.parseLong(line.substring(6).trim());
                } else if (line.startsWith("write_bytes:")) {
                    v[1] = Long.parseLong(line.substring(12).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or /proc hidden: NaN in the result says so
        }
        return v;
    }
}
