package io.edgewatch.watch;

import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Turns received messages into ledger entries and printed lines, and knows when a bounded run is over
 * ({@code --count} distinct events, or {@code --until-idle}: no message for a while). Several
 * {@link WatchClient}s may share one watcher, e.g. the members of one shared-subscription group in a test.
 */
public final class Watcher {
    private final Ledger ledger;
    private final WatchPrinter printer;
    private final EventCodec codec = new EventCodec();
    private final LongSupplier nanos;
    private final long count;
    private final AtomicLong lastMessageNanos;
    private final CountDownLatch enough = new CountDownLatch(1);

    /** @param count stop once this many distinct events arrived (0 = no limit) */
    public Watcher(Ledger ledger, WatchPrinter printer, LongSupplier nanos, long count) {
        this.ledger = ledger;
        this.printer = printer;
        this.nanos = nanos;
        this.count = count;
        this.lastMessageNanos = new AtomicLong(nanos.getAsLong());
    }

    public void onMessage(String topic, byte[] payload, Instant receivedAt) {
        lastMessageNanos.set(nanos.getAsLong());
        String[] levels = topic.split("/");
        if (topic.endsWith("/availability") && levels.length >= 2) {
            String state = new String(payload, StandardCharsets.UTF_8).trim();
            if (ledger.availability(levels[levels.length - 2], state)) {
                printer.availability(levels[levels.length - 2], state, receivedAt);
            }
        } else if (topic.endsWith("/events")) {
            DetectionEvent event;
            try {
                event = codec.decode(payload);
            } catch (IllegalArgumentException e) {
                ledger.invalid();
                printer.invalid(topic, e.getMessage());
                return;
            }
            printer.arrival(ledger.accept(event, receivedAt));
            if (count > 0 && ledger.summary().unique() >= count) {
                enough.countDown();
            }
        }
    }

    /**
     * Blocks until {@code count} distinct events arrived, no message came for {@code idleNanos} (if positive), or
     * {@code maxNanos} passed (if positive). Polls every {@code pollNanos}, printing a summary when asked to.
     */
    public void await(long idleNanos, long maxNanos, long pollNanos) throws InterruptedException {
        long start = nanos.getAsLong();
        while (!enough.await(pollNanos, TimeUnit.NANOSECONDS)) {
            long now = nanos.getAsLong();
            printer.tick(ledger.summary(), now);
            if (idleNanos > 0 && now - lastMessageNanos.get() >= idleNanos) {
                return;
            }
            if (maxNanos > 0 && now - start >= maxNanos) {
                return;
            }
        }
    }

    public Ledger ledger() {
        return ledger;
    }
}
