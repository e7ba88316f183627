package io.edgewatch.outbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Events kept in memory while the outbox file cannot be written, in row order. Bounded: when full the oldest is
 * dropped and counted. Their row ids are above every id in the file, so readers see one ordered sequence.
 * Not thread-safe: guarded by the {@link Outbox}.
 */
final class SpillQueue {
    private final int capacity;
    private final ArrayDeque<StoredEvent> events = new ArrayDeque<>();
    private long dropped;

    SpillQueue(int capacity) {
        this.capacity = capacity;
    }

    void add(StoredEvent e) {
        if (events.size() >= capacity) {
            events.poll();
            dropped++;
        }
        events.add(e);
    }

    /** Removes the event with this row id. @return whether it was here */
    boolean remove(long rowId) {
        return events.removeIf(e -> e.rowId() == rowId);
    }

    /** Up to {@code limit} events with a row id above {@code rowId}, oldest first. */
    void after(long rowId, int limit, List<StoredEvent> out) {
        for (StoredEvent e : events) {
            if (out.size() >= limit) {
                return;
            }
            if (e.rowId() > rowId) {
                out.add(e);
            }
        }
    }

    /** Removes events written before {@code cutoffMillis}. @return how many */
    int expire(long cutoffMillis) {
        int before = events.size();
        events.removeIf(e -> e.createdMillis() < cutoffMillis);
        return before - events.size();
    }

    /** Up to {@code n} events from the oldest, not removed. */
    List<StoredEvent> oldest(int n) {
        List<StoredEvent> out = new ArrayList<>(Math.min(n, events.size()));
        for (StoredEvent e : events) {
            if (out.size() == n) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    void removeOldest(int n) {
        for (int i = 0; i < n && !events.isEmpty(); i++) {
            events.poll();
        }
    }

    Collection<StoredEvent> all() {
        return new ArrayList<>(events);
    }

    void clear() {
        events.clear();
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    int size() {
        return events.size();
    }

    long dropped() {
        return dropped;
    }
}
