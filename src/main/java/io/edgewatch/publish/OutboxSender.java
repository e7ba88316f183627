package io.edgewatch.publish;

import io.edgewatch.event.EventCodec;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.StoredEvent;
import io.edgewatch.util.TimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import io.edgewatch.util.ThreadConfined;
import io.edgewatch.util.ThreadOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends outbox rows in row order over one client, owned by the publisher thread. A cursor remembers the last row
 * handed to the client; PUBACKs (arriving on Paho's thread) only queue the row id, and the publisher thread
 * deletes them in batches (at most every {@link #ACK_FLUSH_NANOS}, see there). After a (re)connect the cursor goes back to the start, so rows whose PUBACK never came
 * are sent again with the same payload and event id. Each connection gets its own in-flight window, so a late
 * failure callback from a dead connection cannot free a slot of the new one.
 */
@ThreadConfined("mqtt-publisher-<device>")
final class OutboxSender {
    private final ThreadOwner owner = new ThreadOwner("OutboxSender");
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 64;
    private static final int FIRST_ERROR_REASON = 0x80;
    private static final int NOT_AUTHORIZED = 0x87;
    private static final long REFUSAL_LOG_MILLIS = 60_000;
    /**
     * Delivered rows are deleted at most this often (or once {@link #ACK_BATCH} are waiting): one SQLite commit per
     * batch instead of one per event. A crash in between sends those rows again, as QoS 1 may anyway. 2 s, not
     * 0.5: a delete commit cost ≈ 0.6 ms of CPU at a few events a second, a quarter of the publisher thread's.
     */
    static final long ACK_FLUSH_NANOS = 2_000_000_000L;
    static final int ACK_BATCH = 32;

    private final Outbox outbox;
    private final MqttAsyncClient client;
    private final MqttTopics topics;
    private final int qos;
    private final int maxInflight;
    private final EventCodec codec;
    private final TimeSource time;
    private final Queue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<StoredEvent> batch = new ArrayDeque<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, Long> lastRefusalLog = new ConcurrentHashMap<>();
    private volatile Semaphore window;
    private volatile LongConsumer ackLatency = millis -> { };
    private final AtomicInteger acksWaiting = new AtomicInteger();
    private long cursor;
    private long lastAckFlush;

    private record Ack(long rowId, boolean refused) {}

    OutboxSender(Outbox outbox, MqttAsyncClient client, MqttTopics topics, int qos, int maxInflight,
                 EventCodec codec, TimeSource time) {
        this.outbox = outbox;
        this.client = client;
        this.topics = topics;
        this.qos = qos;
        this.maxInflight = maxInflight;
        this.codec = codec;
        this.time = time;
        this.window = new Semaphore(maxInflight);
        this.lastAckFlush = time.nanos();
    }

    /** After a connect: forget what was handed to the old connection and start again at the oldest row. */
    void replayFromStart() {
        assert owner.check();
        flushAcks();
        window = new Semaphore(maxInflight);
        batch.clear();
        cursor = 0;
    }

    /**
     * Hands the next row to the client if the window allows, waiting up to {@code waitMillis} for a slot.
     * @return false if the outbox has nothing more to send
     */
    boolean sendNext(long waitMillis) throws InterruptedException {
        assert owner.check();
        if (batch.isEmpty()) {
            batch.addAll(outbox.after(cursor, BATCH));
            if (batch.isEmpty()) {
                return false;
            }
        }
        Semaphore slots = window;
        if (!slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
            return true;
        }
        StoredEvent row = batch.peek();
        byte[] payload = stamped(row);
        if (payload == null) {
            slots.release();
            queueAck(new Ack(row.rowId(), true));
            advance(row);
            return true;
        }
        try {
            client.publish(topics.events(row.camera()), new MqttMessage(payload, qos, false, null), null,
                    new Delivery(row, slots));
            advance(row);
        } catch (MqttException e) {
            slots.release();
            if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                // Not connected (any more): the row stays, the replay after the reconnect sends it.
                LOG.debug("publish of event {} deferred: {}", row.eventId(), e.toString());
                batch.clear();
                return false;
            }
        }
        return true;
    }

    /** Deletes acknowledged rows (publisher thread only). */
    void flushAcks() {
        assert owner.check();
        lastAckFlush = time.nanos();
        List<Long> ok = new ArrayList<>();
        List<Long> refused = new ArrayList<>();
        for (Ack a = acks.poll(); a != null; a = acks.poll()) {
            acksWaiting.decrementAndGet();
            (a.refused ? refused : ok).add(a.rowId);
        }
        long before = outbox.stats().delivered();
        outbox.delivered(ok);
        published.addAndGet(outbox.stats().delivered() - before);
        before = outbox.stats().delivered();
        outbox.delivered(refused);
        failed.addAndGet(outbox.stats().delivered() - before);
    }

    /** Deletes the delivered rows if {@link #ACK_BATCH} are waiting or the last deletion is {@link #ACK_FLUSH_NANOS} old. */
    void flushAcksIfDue() {
        assert owner.check();
        int waiting = acksWaiting.get();
        if (waiting >= ACK_BATCH || (waiting > 0 && time.nanos() - lastAckFlush >= ACK_FLUSH_NANOS)) {
            flushAcks();
        }
    }

    /** Waits until nothing is in flight on the current connection, at most {@code nanos}. */
    void awaitInflight(long nanos) throws InterruptedException {
        assert owner.check();
        Semaphore slots = window;
        if (slots.tryAcquire(maxInflight, nanos, TimeUnit.NANOSECONDS)) {
            slots.release(maxInflight);
        }
    }

    /** Receives each acknowledged row's time from its outbox write to the PUBACK, in ms (on Paho's thread). */
    void onAcked(LongConsumer latencyMillis) {
        this.ackLatency = latencyMillis;
    }

    long published() {
        return published.get();
    }

    long failed() {
        return failed.get();
    }

    /**
     * A PUBACK with an error reason (e.g. 0x87 Not authorized: the ACL forbids this topic for our user). The row
     * is not deleted: it stays in the outbox, is retried after the next reconnect and is only lost to the outbox
     * bounds (counted). One WARN per topic and reason per {@link #REFUSAL_LOG_MILLIS}, since a wrong ACL refuses
     * every event.
     */
    private void refusal(StoredEvent row, int reason) {
        failed.incrementAndGet();
        String topic = topics.events(row.camera());
        long now = time.millis();
        Long last = lastRefusalLog.get(topic + "|" + reason);
        if (last == null || now - last >= REFUSAL_LOG_MILLIS) {
            lastRefusalLog.put(topic + "|" + reason, now);
            LOG.warn("broker refused event {} on {}: reason code 0x{} ({}); kept in the outbox, retried after the "
                    + "next reconnect", row.eventId(), topic, Integer.toHexString(reason), reason == NOT_AUTHORIZED
                    ? "not authorized: check the broker ACL for this user and mqtt.topic_prefix/device.name"
                    : "see the broker log");
        }
    }

    private void queueAck(Ack ack) {
        acks.add(ack);
        acksWaiting.incrementAndGet();
    }

    private void advance(StoredEvent row) {
        batch.poll();
        cursor = row.rowId();
    }

    /**
     * The stored payload with published_time set to now, spliced without parsing (rows of older builds are
     * re-encoded); null if such a row is not a valid event (it is discarded).
     */
    private byte[] stamped(StoredEvent row) {
        try {
            return codec.withPublishedTime(row.payload(), time.now());
        } catch (IllegalArgumentException e) {
            LOG.error("outbox row {} (event {}) is not a valid event, discarded: {}", row.rowId(), row.eventId(),
                    e.getMessage());
            return null;
        }
    }

    /** Completion of one publish: PUBACK (or socket write for QoS 0) queues the row for deletion. */
    private final class Delivery implements MqttActionListener {
        private final StoredEvent row;
        private final Semaphore slots;

        Delivery(StoredEvent row, Semaphore slots) {
            this.row = row;
            this.slots = slots;
        }

        @Override
        public void onSuccess(IMqttToken token) {
            int[] codes = token.getReasonCodes();
            boolean refused = codes != null && codes.length > 0 && codes[0] >= FIRST_ERROR_REASON;
            if (refused) {
                refusal(row, codes[0]);
            } else {
                queueAck(new Ack(row.rowId(), false));
            }
            slots.release();
            if (!refused) {
                ackLatency.accept(outbox.nowMillis() - row.createdMillis()); // the clock the row was stamped with
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            // Connection lost before the PUBACK: the row stays in the outbox and is replayed after the reconnect.
            LOG.debug("delivery of event {} not confirmed: {}", row.eventId(), String.valueOf(e));
            slots.release();
        }
    }
}
