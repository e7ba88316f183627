package io.edgewatch.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SD-card wear: bytes the process writes per stored event ({@code wchar} of /proc/self/io: every write() call,
 * whatever the filesystem; {@code write_bytes} stays 0 on tmpfs), with one commit per event (today) and with
 * group commit (events a few ms apart in one transaction). Numbers go to docs/benchmarks.md.
 */
class OutboxWearTest {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWearTest.class);
    private static final int EVENTS = 2000;
    private static final byte[] PAYLOAD = new byte[600];   // a typical event JSON

    @TempDir
    Path dir;

    @Test
    void perEventCommitsWriteSeveralPagesPerEventGroupCommitFarLess() throws Exception {
        double single = bytesPerEvent(dir.resolve("single.db"), 1);
        double group = bytesPerEvent(dir.resolve("group.db"), 8);
        LOG.info("outbox wear: {} B/event with per-event commits, {} B/event with 8 events per commit",
                Math.round(single), Math.round(group));
        assertThat(single).as("a commit writes whole 4 KiB pages to the WAL").isGreaterThan(4096);
        assertThat(group).isLessThan(single / 3);
    }

    private static double bytesPerEvent(Path file, int perCommit) throws SQLException, IOException {
        try (OutboxFile f = new OutboxFile("jdbc:sqlite:" + file)) {
            long id = 1;
            for (int i = 0; i < 200; i++, id++) {   // warm up: schema pages, first WAL frames
                f.insert(List.of(event(id)));
            }
            long before = wchar();
            for (int i = 0; i < EVENTS; i += perCommit) {
                List<StoredEvent> batch = new ArrayList<>();
                for (int k = 0; k < perCommit; k++, id++) {
                    batch.add(event(id));
                }
                f.insert(batch);
            }
            return (wchar() - before) / (double) EVENTS;
        }
    }

    private static StoredEvent event(long id) {
        return new StoredEvent(id, "e" + id, "yard", id, 1_000L + id, PAYLOAD);
    }

    private static long wchar() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IOException("no wchar in /proc/self/io");
    }
}
