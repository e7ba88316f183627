package io.edgewatch.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite outbox on a real file: order, bounds, deletion, restart, locking. */
class OutboxTest {
    private static final OutboxLimits LIMITS = new OutboxLimits(100, Duration.ofHours(1));
    private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void returnsRowsInInsertionOrderAndDeletesOnlyDelivered() {
        try (Outbox o = Outbox.open(dir.resolve("sub/outbox.db"), LIMITS, time)) {
            for (int i = 1; i <= 5; i++) {
                assertThat(o.append("id-" + i, i % 2 == 0 ? "yard" : "door", i, payload(i))).isTrue();
            }
            List<StoredEvent> all = o.after(0, 10);
            assertThat(all).extracting(StoredEvent::eventId).containsExactly("id-1", "id-2", "id-3", "id-4", "id-5");
            assertThat(new String(all.get(2).payload(), StandardCharsets.UTF_8)).isEqualTo("event-3");
            assertThat(o.after(all.get(1).rowId(), 2)).extracting(StoredEvent::eventId).containsExactly("id-3", "id-4");

            o.delivered(List.of(all.get(0).rowId(), all.get(2).rowId(), all.get(2).rowId(), 999L));
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("id-2", "id-4", "id-5");
            assertThat(o.stats()).isEqualTo(new OutboxStats(3, 5, 2, 0, 0, 0));
        }
    }

    @Test
    void fullOutboxDropsTheOldestAndCountsIt() {
        try (Outbox o = Outbox.open(dir.resolve("o.db"), new OutboxLimits(3, Duration.ofHours(1)), time)) {
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
        try (Outbox o = Outbox.open(dir.resolve("o.db"), new OutboxLimits(100, Duration.ofMinutes(10)), time)) {
            o.append("old", "yard", 1, payload(1));
            time.advance(Duration.ofMinutes(6));
            o.append("young", "yard", 2, payload(2));
            assertThat(o.expire()).isZero();
            time.advance(Duration.ofMinutes(5));
            assertThat(o.expire()).isEqualTo(1);
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("young");
            assertThat(o.stats().droppedExpired()).isEqualTo(1);
        }
    }

    @Test
    void rowsAndSequencesSurviveReopenAndRowIdsAreNeverReused() {
        Path file = dir.resolve("o.db");
        long lastRow;
        try (Outbox o = Outbox.open(file, LIMITS, time)) {
            o.append("a", "yard", 41, payload(1));
            o.append("b", "door", 7, payload(2));
            o.append("c", "yard", 42, payload(3));
            List<StoredEvent> rows = o.after(0, 10);
            lastRow = rows.get(2).rowId();
            o.delivered(rows.stream().map(StoredEvent::rowId).toList());
            o.append("d", "door", 8, payload(4));
        }
        try (Outbox o = Outbox.open(file, LIMITS, time)) {
            assertThat(o.size()).isEqualTo(1);
            assertThat(o.lastSequences()).isEqualTo(Map.of("yard", 42L, "door", 8L));
            o.delivered(List.of(o.after(0, 1).get(0).rowId()));
            o.append("e", "door", 9, payload(5));
            assertThat(o.after(0, 10).get(0).rowId()).isGreaterThan(lastRow + 1);
        }
    }

    @Test
    void aSecondOpenOfTheSameFileFailsWhileTheFirstHoldsIt() {
        Path file = dir.resolve("o.db");
        try (Outbox first = Outbox.open(file, LIMITS, time)) {
            first.append("a", "yard", 1, payload(1));
            assertThatThrownBy(() -> Outbox.open(file, LIMITS, time)).isInstanceOf(OutboxException.class)
                    .hasMessageContaining("cannot open outbox").hasMessageContaining("o.db");
        }
        try (Outbox again = Outbox.open(file, LIMITS, time)) {
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
        assertThatThrownBy(() -> o.append("b", "yard", 2, payload(2))).hasMessageContaining("closed");
        assertThatThrownBy(() -> new OutboxLimits(0, Duration.ofHours(1))).hasMessageContaining("maxEvents");
        assertThatThrownBy(() -> new OutboxLimits(1, Duration.ZERO)).hasMessageContaining("maxAge");
    }

    private static byte[] payload(int i) {
        return ("event-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
