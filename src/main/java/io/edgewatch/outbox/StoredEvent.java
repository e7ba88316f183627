package io.edgewatch.outbox;

/**
 * One event row of the outbox.
 *
 * @param rowId         insertion order, strictly increasing over the life of the outbox (never reused)
 * @param eventId       the event's UUID, the same on every (re)delivery
 * @param camera        camera name (topic level)
 * @param seq           per-camera sequence number
 * @param createdMillis outbox time the row was written, epoch millis: wall time at start, then advanced by the
 *                      monotonic clock, so a wall-clock step neither ages nor rejuvenates rows
 * @param payload       the encoded event
 */
public record StoredEvent(long rowId, String eventId, String camera, long seq, long createdMillis,
                          byte[] payload) {
    long bytes() {
        return payload.length + eventId.length() + camera.length() + OutboxFile.ROW_OVERHEAD;
    }
}
