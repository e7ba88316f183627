package io.edgewatch.outbox;

import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite outbox on a real file: order, bounds, deletion, restart, locking. */
class OutboxTest {
    private static final OutboxLimits LIMITS = new OutboxLimits(100, Duration.ofHours(1));
    private final FakeTime clock = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void appendsNeverCheckpointTheWalThePublishersCallDoes() throws Exception {
        Path db = dir.resolve("wal.db");
        Path wal = dir.resolve("wal.db-wal");
        byte[] big = new byte[600];
        try (Outbox o = Outbox.open(db, new OutboxLimits(10_000, Duration.ofHours(1)), clock)) {
            int n = OutboxFile.CHECKPOINT_COMMITS + 750;
            for (int i = 1; i <= n; i++) {
                assertThat(o.append("id-" + i, "yard", i, big)).isTrue();
            }
            long frames = (Files.size(wal) - 32) / (4096 + 24); // WAL header, then page frames
            // each commit adds at least 2 frames (its row's page, the id counter's); SQLite's automatic
            // checkpoint (at 1000 frames) would have
            // wrapped the WAL and kept it near 1000 frames
            assertThat(frames).as("WAL frames after %d single-event commits", n).isGreaterThan(1500);
            long before = Files.size(wal);
            o.checkpointIfDue();
            // the next commits reuse the WAL from its start: it does not grow any more
            for (int i = n + 1; i <= n + 20; i++) {
                assertThat(o.append("id-" + i, "yard", i, big)).isTrue();
            }
            assertThat(Files.size(wal)).isEqualTo(before);
            assertThat(o.size()).isEqualTo(n + 20);
        }
    }

    @Test
    void returnsRowsInInsertionOrderAndDeletesOnlyDelivered() {
        try (Outbox o = Outbox.open(dir.resolve("sub/outbox.db"), LIMITS, clock)) {
            for (int i = 1; i <= 5; i++) {
                assertThat(o.append("id-" + i, i % 2 == 0 ? "yard" : "door", i, payload(i))).isTrue();
            }
            List<StoredEvent> all = o.after(0, 10);
            assertThat(all).extracting(StoredEvent::eventId).containsExactly("id-1", "id-2", "id-3", "id-4", "id-5");
            assertThat(new String(all.get(2).payload(), StandardCharsets.UTF_8)).isEqualTo("event-3");
            assertThat(o.after(all.get(1).rowId(), 2)).extracting(StoredEvent::eventId).containsExactly("id-3", "id-4");

            o.delivered(List.of(all.get(0).rowId(), all.get(2).rowId(), all.get(2).rowId(), 999L));
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("id-2", "id-4", "id-5");
            OutboxStats st = o.stats();
            assertThat(st.stored()).isEqualTo(3);
            assertThat(st.written()).isEqualTo(5);
            assertThat(st.delivered()).isEqualTo(2);
            assertThat(st.dropped()).isZero();
            assertThat(st.diskOk()).isTrue();
            assertThat(st.bytes()).isEqualTo(3 * (7 + 4 + 4 + OutboxFile.ROW_OVERHEAD));
        }
    }

    @Test
    void readsAcrossTheRecentRowsHeldInMemoryMatchTheFile() {
        try (Outbox o = Outbox.open(dir.resolve("o.db"), new OutboxLimits(1000, Duration.ofHours(1)), clock)) {
            int n = RecentRows.CAPACITY + 5;
            for (int i = 1; i <= n; i++) {
                o.append("id-" + i, "yard", i, payload(i));
            }
            // rows 1..5 fell out of memory: a cursor before them reads the file, one after them reads memory
            assertThat(o.after(0, n + 1)).extracting(StoredEvent::seq).hasSize(n).isSorted().startsWith(1L, 2L);
            assertThat(o.after(3, 4)).extracting(StoredEvent::seq).containsExactly(4L, 5L, 6L, 7L);
            assertThat(o.after(5, 2)).extracting(StoredEvent::seq).containsExactly(6L, 7L);
            o.delivered(List.of(6L, 8L));
            assertThat(o.after(5, 3)).extracting(StoredEvent::seq).containsExactly(7L, 9L, 10L);
            assertThat(o.after(0, 8)).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 7L, 9L, 10L);
        }
        // a reopened outbox holds nothing in memory: the rows after any cursor come from the file
        try (Outbox o = Outbox.open(dir.resolve("o.db"), new OutboxLimits(1000, Duration.ofHours(1)), clock)) {
            assertThat(o.after(5, 3)).extracting(StoredEvent::seq).containsExactly(7L, 9L, 10L);
            o.append("new", "yard", 999, payload(1));
            assertThat(o.after(RecentRows.CAPACITY + 5, 3)).extracting(StoredEvent::seq).containsExactly(999L);
        }
    }

    @Test
    void fullOutboxDropsTheOldestAndCountsIt() {
        try (Outbox o = Outbox.open(dir.resolve("o.db"), new OutboxLimits(3, Duration.ofHours(1)), clock)) {
            for (int i = 1; i <= 10; i++) {
                o.append("id-" + i, "yard", i, payload(i));
            }
            assertThat(o.after(0, 10)).extracting(StoredEvent::seq).containsExactly(8L, 9L, 10L);
            assertThat(o.stats().droppedFull()).isEqualTo(7);
            assertThat(o.size()).isEqualTo(3);
        }
    }

    @Test
    void eventsOlderThanTheAgeLimitExpire() {
        try (Outbox o = Outbox.open(dir.resolve("o.db"), new OutboxLimits(100, Duration.ofMinutes(10)), clock)) {
            o.append("old", "yard", 1, payload(1));
            clock.advance(Duration.ofMinutes(6));
            o.append("young", "yard", 2, payload(2));
            assertThat(o.expire()).isZero();
            clock.advance(Duration.ofMinutes(5));
            assertThat(o.expire()).isEqualTo(1);
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("young");
            assertThat(o.stats().droppedExpired()).isEqualTo(1);
        }
    }

    @Test
    void rowsAndSequencesSurviveReopenAndRowIdsAreNeverReused() {
        Path file = dir.resolve("o.db");
        long lastRow;
        try (Outbox o = Outbox.open(file, LIMITS, clock)) {
            o.append("a", "yard", 41, payload(1));
            o.append("b", "door", 7, payload(2));
            o.append("c", "yard", 42, payload(3));
            List<StoredEvent> rows = o.after(0, 10);
            lastRow = rows.get(2).rowId();
            o.delivered(rows.stream().map(StoredEvent::rowId).toList());
            o.append("d", "door", 8, payload(4));
        }
        try (Outbox o = Outbox.open(file, LIMITS, clock)) {
            assertThat(o.size()).isEqualTo(1);
            assertThat(o.lastSequences()).isEqualTo(Map.of("yard", 42L, "door", 8L));
            o.delivered(List.of(o.after(0, 1).get(0).rowId()));
            o.append("e", "door", 9, payload(5));
            assertThat(o.after(0, 10).get(0).rowId()).isGreaterThan(lastRow + 1);
        }
    }

    /** A version 1 file (created_ms index, sequences upserted per insert) is converted at open and keeps its data. */
    @Test
    void versionOneFileIsConvertedAndKeepsRowsAndSequences() throws Exception {
        Path file = dir.resolve("v1.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL, "
                    + "camera TEXT NOT NULL, seq INTEGER NOT NULL, created_ms INTEGER NOT NULL, "
                    + "payload BLOB NOT NULL)");
            s.execute("CREATE INDEX outbox_created ON outbox(created_ms)");
            s.execute("CREATE TABLE sequences (camera TEXT PRIMARY KEY, last_seq INTEGER NOT NULL)");
            s.execute("INSERT INTO outbox VALUES (7, 'a', 'yard', 41, 1000, x'7b7d'), "
                    + "(8, 'b', 'door', 5, 1001, x'7b7d')");
            s.execute("INSERT INTO sequences VALUES ('yard', 41), ('door', 5), ('gone', 12)");
            s.execute("PRAGMA user_version = 1");
        }
        try (Outbox o = Outbox.open(file, LIMITS, clock)) {
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("a", "b");
            assertThat(o.lastSequences()).isEqualTo(Map.of("yard", 41L, "door", 5L, "gone", 12L));
            o.append("c", "yard", 42, payload(3));
            o.delivered(o.after(0, 10).stream().map(StoredEvent::rowId).toList());
            assertThat(o.size()).isZero();
        }
        try (Outbox o = Outbox.open(file, LIMITS, clock)) {
            assertThat(o.lastSequences()).isEqualTo(Map.of("yard", 42L, "door", 5L, "gone", 12L));
            o.append("d", "door", 6, payload(4));
            assertThat(o.after(0, 1).get(0).rowId()).as("ids are never reused").isGreaterThan(9);
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                     + "name = 'outbox_created'), (SELECT user_version FROM pragma_user_version)")) {
            assertThat(rs.getInt(1)).as("index left").isZero();
            assertThat(rs.getInt(2)).isEqualTo(OutboxFile.SCHEMA_VERSION);
        }
    }

    /** Sequence numbers of rows still waiting come from the rows; of delivered ones, from the delete trigger. */
    @Test
    void lastSequencesCoverWaitingAndDeliveredRows() {
        Path file = dir.resolve("o.db");
        try (Outbox o = Outbox.open(file, LIMITS, clock)) {
            o.append("a", "yard", 3, payload(1));
            o.append("b", "yard", 4, payload(2));
            o.append("c", "door", 9, payload(3));
            o.delivered(List.of(o.after(0, 10).get(2).rowId()));
        }
        try (Outbox o = Outbox.open(file, LIMITS, clock)) {
            assertThat(o.lastSequences()).isEqualTo(Map.of("yard", 4L, "door", 9L));
        }
    }

    @Test
    void aSecondOpenOfTheSameFileFailsWhileTheFirstHoldsIt() {
        Path file = dir.resolve("o.db");
        try (Outbox first = Outbox.open(file, LIMITS, clock)) {
            first.append("a", "yard", 1, payload(1));
            assertThatThrownBy(() -> Outbox.open(file, LIMITS, clock)).isInstanceOf(OutboxException.class)
                    .hasMessageContaining("cannot open outbox").hasMessageContaining("o.db");
        }
        try (Outbox again = Outbox.open(file, LIMITS, clock)) {
            assertThat(again.size()).isEqualTo(1);
        }
    }

    @Test
    void inMemoryOutboxIsNotDurableAndClosedOutboxRefusesUse() {
        Outbox o = Outbox.inMemory(LIMITS, TimeSource.system());
        assertThat(o.durable()).isFalse();
        assertThat(o.append("a", "yard", 1, payload(1))).isTrue();
        o.close();
        o.close();
        assertThat(o.size()).isEqualTo(1);
        assertThat(o.append("b", "yard", 2, payload(2))).as("a closed outbox refuses, never throws").isFalse();
        assertThatThrownBy(() -> new OutboxLimits(0, Duration.ofHours(1))).hasMessageContaining("maxEvents");
        assertThatThrownBy(() -> new OutboxLimits(1, Duration.ZERO)).hasMessageContaining("maxAge");
        assertThatThrownBy(() -> new OutboxLimits(1, Duration.ofHours(1), 0, 0, 1)).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> new OutboxLimits(1, Duration.ofHours(1), 1, 1.0, 1)).hasMessageContaining("minFree");
    }

    @Test
    void byteBoundEvictsTheOldestAndCountsThemAsFull() {
        int rowBytes = 1000 + 5 + 4 + OutboxFile.ROW_OVERHEAD;
        OutboxLimits limits = new OutboxLimits(1000, Duration.ofHours(1), 10L * rowBytes, 0, 10);
        try (Outbox o = Outbox.open(dir.resolve("o.db"), limits, clock)) {
            for (int i = 1; i <= 25; i++) {
                o.append(String.format("id-%02d", i), "yard", i, new byte[1000]);
            }
            assertThat(o.after(0, 100)).extracting(StoredEvent::seq).containsExactly(16L, 17L, 18L, 19L, 20L, 21L,
                    22L, 23L, 24L, 25L);
            assertThat(o.stats().bytes()).isEqualTo(10L * rowBytes);
            assertThat(o.stats().droppedFull()).isEqualTo(15);
        }
        try (Outbox again = Outbox.open(dir.resolve("o.db"), limits, clock)) {
            assertThat(again.stats().bytes()).isEqualTo(10L * rowBytes);
        }
    }

    @Test
    void wallClockStepsNeitherExpireNorReorderEvents() {
        OutboxLimits limits = new OutboxLimits(100, Duration.ofHours(1));
        try (Outbox o = Outbox.open(dir.resolve("o.db"), limits, clock)) {
            o.append("a", "yard", 1, payload(1));
            clock.stepWall(Duration.ofDays(3)); // NTP steps forward
            assertThat(o.expire()).isZero();
            o.append("b", "yard", 2, payload(2));
            clock.stepWall(Duration.ofDays(-5)); // and back, behind the first event
            o.append("c", "yard", 3, payload(3));
            assertThat(o.expire()).isZero();
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("a", "b", "c");
            List<StoredEvent> rows = o.after(0, 10);
            assertThat(rows.get(2).createdMillis()).isGreaterThanOrEqualTo(rows.get(0).createdMillis());
            clock.advance(Duration.ofMinutes(61)); // real time passes: now they are old
            assertThat(o.expire()).isEqualTo(3);
        }
        try (Outbox o = Outbox.open(dir.resolve("o.db"), limits, clock)) {
            o.append("d", "yard", 4, payload(4));
            clock.stepWall(Duration.ofDays(-1)); // a box that boots with a clock behind its stored events
        }
        try (Outbox o = Outbox.open(dir.resolve("o.db"), limits, clock)) {
            o.append("e", "yard", 5, payload(5));
            assertThat(o.expire()).isZero();
            List<StoredEvent> rows = o.after(0, 10);
            assertThat(rows).extracting(StoredEvent::eventId).containsExactly("d", "e");
            assertThat(rows.get(1).createdMillis()).isGreaterThanOrEqualTo(rows.get(0).createdMillis());
        }
    }

    private static byte[] payload(int i) {
        return ("event-" + i).getBytes(StandardCharsets.UTF_8);
    }

}
