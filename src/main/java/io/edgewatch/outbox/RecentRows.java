package io.edgewatch.outbox;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * The rows the outbox wrote to its file most recently and not yet saw delivered, so the publisher reads what it is
 * about to send from memory instead of querying the file it was just written to. Every file row with an id above
 * {@link #floor} is held here; a reader whose cursor is at or above the floor is answered from memory, any other
 * from the file. Whatever removes rows some other way (eviction, expiry, a new file, spilled rows written back)
 * {@link #reset}s it. Bounded: the oldest rows fall out and raise the floor. Guarded by the outbox's lock.
 */
final class RecentRows {
    static final int CAPACITY = 256;

    private final LinkedHashMap<Long, StoredEvent> rows = new LinkedHashMap<>();
    private long floor;

    RecentRows(long floor) {
        this.floor = floor;
    }

    /** Rows just committed to the file, ids above every row held so far. */
    void written(Collection<StoredEvent> written) {
        for (StoredEvent e : written) {
            rows.put(e.rowId(), e);
        }
        Iterator<StoredEvent> oldest = rows.values().iterator();
        while (rows.size() > CAPACITY) {
            floor = oldest.next().rowId();
            oldest.remove();
        }
    }

    void removed(Collection<Long> ids) {
        for (Long id : ids) {
            rows.remove(id);
        }
    }

    /** Forgets everything: file rows up to {@code newFloor} are read from the file again. */
    void reset(long newFloor) {
        rows.clear();
        floor = newFloor;
    }

    /** True when every file row after {@code rowId} is held here. */
    boolean covers(long rowId) {
        return rowId >= floor;
    }

    /** Appends up to {@code limit} held rows after {@code rowId} that are not waiting for deletion, oldest first. */
    void after(long rowId, int limit, Set<Long> pendingDeletes, List<StoredEvent> out) {
        for (StoredEvent e : rows.values()) {
            if (out.size() >= limit) {
                return;
            }
            if (e.rowId() > rowId && !pendingDeletes.contains(e.rowId())) {
                out.add(e);
            }
        }
    }
}
