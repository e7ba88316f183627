package io.edgewatch.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SD-card wear ({@link WriteCost}): bytes the process writes per stored event with one commit per event (what the
 * daemon does) and with group commit (8 events per transaction). Numbers go to docs/benchmarks.md; the bench has
 * the same row.
 */
class OutboxWearTest {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxWearTest.class);
    private static final int EVENTS = 2000;

    @TempDir
    Path dir;

    @Test
    void perEventCommitsWriteSeveralPagesPerEventGroupCommitFarLess() throws Exception {
        WriteCost.Result single = WriteCost.measure(dir.resolve("single.db"), EVENTS, 1);
        WriteCost.Result group = WriteCost.measure(dir.resolve("group.db"), EVENTS, 8);
        LOG.info("outbox wear: per-event commits {} B/event written ({} B/event dirtied), 8 per commit {} ({})",
                Math.round(single.wcharPerEvent()), Math.round(single.writeBytesPerEvent()),
                Math.round(group.wcharPerEvent()), Math.round(group.writeBytesPerEvent()));
        assertThat(single.events()).isEqualTo(EVENTS);
        assertThat(single.wcharPerEvent()).as("a commit writes whole 4 KiB pages to the WAL").isGreaterThan(4096);
        assertThat(group.wcharPerEvent()).isLessThan(single.wcharPerEvent() / 3);
    }
}
