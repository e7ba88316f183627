package io.edgewatch.watch;

import java.util.TreeSet;

/**
 * Sequence accounting of one camera stream ({device}/{camera}): the highest seq seen and the seqs skipped below
 * it that have not arrived (yet). Not thread-safe; the {@link Ledger} serialises access.
 */
public final class StreamSeq {
    /** How an arrival relates to what came before on this stream. */
    public enum Order { FIRST, NEXT, GAP, LATE, REPEAT }

    /** Missing seqs remembered per stream; beyond this a gap is only counted, not tracked one by one. */
    static final int MAX_TRACKED_MISSING = 100_000;

    private final boolean fromOne;
    private final TreeSet<Long> missing = new TreeSet<>();
    private long highest;
    private long untracked;

    /** @param fromOne the watcher saw the stream from its start, so seqs below the first arrival are missing too */
    StreamSeq(boolean fromOne) {
        this.fromOne = fromOne;
    }

    Order accept(long seq) {
        if (highest == 0) {
            highest = seq;
            if (fromOne && seq > 1) {
                addMissing(1, seq - 1);
                return Order.GAP;
            }
            return Order.FIRST;
        }
        if (seq == highest + 1) {
            highest = seq;
            return Order.NEXT;
        }
        if (seq > highest) {
            addMissing(highest + 1, seq - 1);
            highest = seq;
            return Order.GAP;
        }
        return missing.remove(seq) ? Order.LATE : Order.REPEAT;
    }

    /** Seqs skipped and still not received. */
    long missing() {
        return missing.size() + untracked;
    }

    long highest() {
        return highest;
    }

    /** First still-missing seq, or 0. */
    long firstMissing() {
        return missing.isEmpty() ? 0 : missing.first();
    }

    private void addMissing(long from, long to) {
        for (long s = from; s <= to; s++) {
            if (missing.size() >= MAX_TRACKED_MISSING) {
                untracked += to - s + 1;
                return;
            }
            missing.add(s);
        }
    }
}
