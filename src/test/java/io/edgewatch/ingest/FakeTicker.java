package io.edgewatch.ingest;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Fake time: sleeping advances the clock at once, so pacing and backoff run without real waits. */
final class FakeTicker implements Ticker {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicLong slept = new AtomicLong();
    final AtomicLong sleeps = new AtomicLong();

    @Override
    public long nanos() {
        return nanos.get();
    }

    @Override
    public Instant now() {
        return Instant.ofEpochSecond(1_700_000_000L).plusNanos(nanos.get());
    }

    @Override
    public void sleepNanos(long n) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.incrementAndGet();
        slept.addAndGet(n);
        nanos.addAndGet(n);
        Thread.yield();
    }
}
