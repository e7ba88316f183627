package io.edgewatch.outbox;

import io.edgewatch.testing.TinyTmpfs;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbox on a real 300 KiB tmpfs that fills up while nothing is delivered (the broker is away): SQLite itself
 * reports SQLITE_FULL, no fault is injected. Needs root (mount); skipped with a reason where the test cannot mount.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutboxDiskFullIT {
    private final FakeTime clock = new FakeTime();
    private static final int SPILL = 50;

    @RegisterExtension
    final TinyTmpfs tinyFs = new TinyTmpfs("300k");

    @Test
    void fillsEvictsSpillsAndRecoversWhenSpaceReturns() throws IOException {
        Path file = tinyFs.dir().resolve("outbox.db");
        OutboxLimits limits = new OutboxLimits(1_000_000, Duration.ofDays(2), 64L << 20, 0.2, SPILL);
        int seq = 0;
        try (LogCapture logs = new LogCapture()) {
            try (Outbox o = Outbox.open(file, limits, clock)) {
                while (seq < 2000) {
                    o.append("e" + ++seq, "yard", seq, new byte[600]);
                    clock.advanceNanos(DiskWatch.CHECK_NANOS); // one event per free-space check
                }
                OutboxStats s = o.stats();
                assertThat(s.droppedNoSpace()).as("evicted for space: %s", s).isPositive();
                assertThat(s.droppedFull()).isZero();
                assertThat(s.droppedWriteError()).isZero();
                assertThat(s.stored() + s.dropped()).isEqualTo(2000);
                assertInOrderEndingWith(o, seq);
                assertThat(tinyFs.dir().toFile().getUsableSpace()).isPositive();
            }
            // Closing checkpointed the WAL; now fill every byte left, as another program on the card would.
            Path ballast = tinyFs.dir().resolve("ballast");
            fill(ballast);
            try (Outbox o = Outbox.open(file, limits, clock)) {
                int before = o.size();
                for (int i = 0; i < 100 && o.stats().diskOk(); i++) { // a few may still fit in freed pages
                    o.append("e" + ++seq, "yard", seq, new byte[600]);
                    before++;
                }
                for (int i = 0; i < SPILL + 10; i++) {
                    o.append("e" + ++seq, "yard", seq, new byte[600]);
                }
                List<StoredEvent> oldest = o.after(0, 5);
                o.delivered(oldest.stream().map(StoredEvent::rowId).toList());
                OutboxStats full = o.stats();
                assertThat(full.diskOk()).isFalse();
                assertThat(full.writeFailures()).isPositive();
                // The spill queue held SPILL events and dropped the 10 oldest; of the 5 delivered ones those still
                // in memory are gone at once, those in the file wait for their delete.
                assertThat(full.droppedWriteError()).isEqualTo(11); // 60 + the one whose write failed first
                assertThat(full.spilled()).isBetween(SPILL - 5, SPILL);
                assertThat(full.delivered() + full.pendingDeletes()).isEqualTo(5);
                assertThat(full.spilled() + full.delivered()).isEqualTo(SPILL);
                assertThat(o.size()).isEqualTo(before + SPILL + 10 - full.dropped() - 5);
                List<Long> gone = oldest.stream().map(StoredEvent::rowId).toList();
                assertThat(o.after(0, 1000)).extracting(StoredEvent::rowId).doesNotContainAnyElementsOf(gone);

                Files.delete(ballast); // space returns
                // Each retry that still finds no room evicts the oldest tenth (no_space) until the spill fits.
                int retries = 0;
                do {
                    clock.advance(Duration.ofSeconds(31));
                    o.append("e" + ++seq, "yard", seq, new byte[600]);
                } while (!o.stats().diskOk() && ++retries < 20);
                int added = retries + 1;
                OutboxStats back = o.stats();
                assertThat(back.diskOk()).isTrue();
                assertThat(back.spilled()).isZero();
                assertThat(back.pendingDeletes()).isZero();
                assertThat(back.delivered()).isEqualTo(5);
                assertThat(back.stored()).isEqualTo(before + SPILL + 10 + added - back.dropped() - 5);
                assertInOrderEndingWith(o, seq);
            }
            try (Outbox o = Outbox.open(file, limits, clock)) {
                assertInOrderEndingWith(o, seq);
                assertThat(o.lastSequences()).containsEntry("yard", (long) seq);
            }
            assertThat(logs.lines(Level.WARN)).as("warnings are rate-limited").hasSizeLessThan(10);
        }
    }

    /** Everything stored reads back oldest first with contiguous seq at the tail, ending with {@code last}. */
    private static void assertInOrderEndingWith(Outbox o, int last) {
        List<StoredEvent> all = new ArrayList<>();
        for (List<StoredEvent> page = o.after(0, 100); !page.isEmpty();
             page = o.after(page.get(page.size() - 1).rowId(), 100)) {
            all.addAll(page);
        }
        assertThat(all).hasSize(o.size());
        assertThat(all).extracting(StoredEvent::seq).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(all.size() - 1).seq()).isEqualTo(last);
    }

    private static void fill(Path ballast) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            // "No space left on device": the filesystem is now full
        }
    }

}
