package io.edgewatch.outbox;

/**
 * One event row of the outbox.
 *
 * @param rowId         insertion order, strictly increasing over the life of the file (never reused)
 * @param eventId       the event's UUID, the same on every (re)delivery
 * @param camera        camera name (topic level)
 * @param seq           per-camera sequence number
 * @param createdMillis wall-clock time the row was written, epoch millis
 * @param payload       the encoded event
 */
public record StoredEvent(long rowId, String eventId, String camera, long seq, long createdMillis,
                          byte[] payload) {}
