package io.edgewatch.outbox;

/**
 * Counters of one {@link Outbox} since it was opened. Drops are counted by reason: {@code full}, {@code expired},
 * {@code write_error} (the in-memory spill queue overflowed while the file could not be written) and
 * {@code no_space} (evicted to keep the filesystem's free-space floor).
 *
 * @param stored            events waiting (in the file and in memory)
 * @param bytes             bytes of the events in the file (payload and row overhead; the byte bound counts these)
 * @param written           events accepted by {@link Outbox#append}
 * @param delivered         events the broker acknowledged that are gone from the outbox
 * @param droppedFull       oldest events deleted because the event count or byte bound was reached
 * @param droppedExpired    events deleted because they were older than {@link OutboxLimits#maxAge()}
 * @param droppedWriteError events lost because the file could not be written and the spill queue was full
 * @param droppedNoSpace    oldest events deleted to keep the filesystem's free-space floor
 * @param spilled           events in memory now, waiting for the file to be writable again
 * @param pendingDeletes    delivered events whose delete failed, retried later
 * @param writeFailures     failed writes to the file (each one starts or continues a retry with backoff)
 * @param diskOk            whether the latest write to the file succeeded
 */
public record OutboxStats(int stored, long bytes, long written, long delivered, long droppedFull,
                          long droppedExpired, long droppedWriteError, long droppedNoSpace, int spilled,
                          int pendingDeletes, long writeFailures, boolean diskOk) {
    public long dropped() {
        return droppedFull + droppedExpired + droppedWriteError + droppedNoSpace;
    }
}
