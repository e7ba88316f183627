package io.edgewatch.bench;

import java.util.Arrays;

/** A growable, thread-safe list of nanosecond samples. */
final class Samples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized void reset() {
        size = 0;
    }

    synchronized long[] get() {
        return Arrays.copyOf(values, size);
    }
}
