package io.edgewatch.outbox;

/**
 * Counters of one {@link Outbox} since it was opened.
 *
 * @param stored         events in the file now
 * @param written        events appended
 * @param delivered      events deleted after the broker acknowledged them
 * @param droppedFull    oldest events deleted because {@link OutboxLimits#maxEvents()} was reached
 * @param droppedExpired events deleted because they were older than {@link OutboxLimits#maxAge()}
 * @param writeErrors    appends that failed (disk full, I/O error): those events are lost
 */
public record OutboxStats(int stored, long written, long delivered, long droppedFull, long droppedExpired,
                          long writeErrors) {
    public long dropped() {
        return droppedFull + droppedExpired + writeErrors;
    }
}
