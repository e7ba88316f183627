package io.edgewatch.outbox;

import io.edgewatch.testing.FakeTime;
import io.edgewatch.util.TimeSource;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken outbox files on real SQLite files: moved aside with a timestamp, a fresh outbox used, one ERROR line. */
class OutboxRecoveryTest {
    private static final OutboxLimits LIMITS = new OutboxLimits(100, Duration.ofHours(1));
    private final FakeTime clock = new FakeTime(Instant.parse("2026-11-29T10:15:30Z"));

    @TempDir
    Path dir;

    @Test
    void garbageFileIsMovedAsideAndAFreshOutboxIsUsed() throws IOException {
        Path file = dir.resolve("outbox.db");
        byte[] garbage = new byte[64 * 1024];
        new Random(18).nextBytes(garbage);
        Files.write(file, garbage);
        assertRecovered(file, garbage);
    }

    @Test
    void truncatedFileIsMovedAsideAndAFreshOutboxIsUsed() throws IOException {
        Path file = dir.resolve("outbox.db");
        try (Outbox o = Outbox.open(file, LIMITS, clock)) {
            for (int i = 1; i <= 200; i++) {
                o.append("id-" + i, "yard", i, new byte[900]);
            }
        }
        byte[] whole = Files.readAllBytes(file);
        byte[] cut = Arrays.copyOf(whole, whole.length / 3);
        Files.write(file, cut);
        assertRecovered(file, cut);
    }

    @Test
    void fileDeletedWhileRunningIsRecreatedWithTheWaitingEvents() throws IOException {
        Path file = dir.resolve("outbox.db");
        try (LogCapture logs = new LogCapture(); Outbox o = Outbox.open(file, LIMITS, clock)) {
            for (int i = 1; i <= 3; i++) {
                o.append("id-" + i, "yard", i, payload(i));
            }
            o.delivered(List.of(o.after(0, 1).get(0).rowId()));
            for (String side : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(dir.resolve("outbox.db" + side));
            }
            clock.advanceNanos(DiskWatch.CHECK_NANOS);
            o.append("id-4", "yard", 4, payload(4));
            assertThat(file).exists();
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("id-2", "id-3", "id-4");
            assertThat(logs.lines(Level.ERROR)).singleElement().asString().contains("deleted while running")
                    .contains("2 event(s)");
        }
        try (Outbox again = Outbox.open(file, LIMITS, clock)) {
            assertThat(again.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("id-2", "id-3", "id-4");
            assertThat(again.lastSequences()).containsEntry("yard", 4L);
        }
    }

    private void assertRecovered(Path file, byte[] original) throws IOException {
        try (LogCapture logs = new LogCapture(); Outbox o = Outbox.open(file, LIMITS, clock)) {
            assertThat(o.size()).isZero();
            assertThat(o.append("new", "yard", 1, payload(1))).isTrue();
            assertThat(o.after(0, 10)).extracting(StoredEvent::eventId).containsExactly("new");
            assertThat(o.stats().diskOk()).isTrue();
            Path aside = dir.resolve("outbox.db.corrupt-20261129T101530Z");
            assertThat(Files.readAllBytes(aside)).isEqualTo(original);
            assertThat(logs.lines(Level.ERROR)).singleElement().asString().contains("moved aside to " + aside)
                    .contains("fresh outbox");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("outbox.db",
                    "outbox.db.corrupt-20261129T101530Z");
        }
    }

    private static byte[] payload(int i) {
        return ("event-" + i).getBytes(StandardCharsets.UTF_8);
    }
}
