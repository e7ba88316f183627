package io.edgewatch.publish;

import io.edgewatch.outbox.Outbox;
import java.nio.charset.StandardCharsets;
import io.edgewatch.util.Backoff;
import io.edgewatch.util.TimeSource;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher thread, the only thread that sends on the client: connect with the "offline" Last Will, retained
 * "online" after each connect, capped jittered backoff between attempts (never after close); while connected it
 * sends the outbox ({@link OutboxSender}) and drains the hand-offs of retained messages and snapshots. On stop it
 * flushes within the close timeout, publishes retained "offline" and disconnects.
 */
final class ConnectionLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final long POLL_MS = 100;
    private static final long EXPIRE_EVERY_MS = 1000;
    /** Retry pause when retained messages wait for a free slot in the client's in-flight window. */
    private static final long RETRY_MS = 10;

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final PublisherSettings settings;
    private final MqttTopics topics;
    private final Outbox outbox;
    private final OutboxSender sender;
    private final RetainedState retained;
    private final SnapshotQueue snapshots;
    private final TimeSource time;
    private final Backoff backoff;
    private final Semaphore wake = new Semaphore(0);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong unsentAtClose = new AtomicLong();
    private volatile String lastConnectError = "";
    private volatile boolean stopping;
    private long lastExpireMs;

    ConnectionLoop(MqttAsyncClient client, MqttConnectionOptions options, PublisherSettings settings,
                   MqttTopics topics, Outbox outbox, OutboxSender sender, RetainedState retained,
                   SnapshotQueue snapshots, TimeSource time) {
        this.client = client;
        this.options = options;
        this.settings = settings;
        this.topics = topics;
        this.outbox = outbox;
        this.sender = sender;
        this.retained = retained;
        this.snapshots = snapshots;
        this.time = time;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), new SplittableRandom()::nextDouble);
    }

    /** Any thread: there is something new to send. */
    void wake() {
        wake.release();
    }

    /** Any thread: leave the loop, flush and disconnect. */
    void stop() {
        stopping = true;
        stopSignal.countDown();
    }

    long connects() {
        return connects.get();
    }

    long connectFailures() {
        return connectFailures.get();
    }

    String lastConnectError() {
        return lastConnectError;
    }

    /** Events left in a non-durable outbox when the loop stopped (they are lost). */
    long unsentAtClose() {
        return unsentAtClose.get();
    }

    @Override
    public void run() {
        while (!stopping) {
            expireIfDue();
            outbox.checkpointIfDue();
            if (!client.isConnected()) {
                snapshots.dropQueued(HandoffDrop.SNAPSHOT_OFFLINE);
                if (!connect()) {
                    pause(backoff.nextDelay().toMillis());
                    continue;
                }
            }
            try {
                sendOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One round: the next outbox row, delivered rows deleted when a batch is due, then the hand-offs (a snapshot
     * follows its event). Waits up to POLL_MS for a wake-up when the outbox has nothing to send.
     */
    private void sendOnce() throws InterruptedException {
        boolean more = sender.sendNext(POLL_MS); // the next event first: deleting delivered rows can wait
        sender.flushAcksIfDue();
        boolean retainedSent = retained.sendPending(client);
        snapshots.sendQueued(client);
        if (!more) {
            wake.tryAcquire(retainedSent ? POLL_MS : RETRY_MS, TimeUnit.MILLISECONDS);
            wake.drainPermits();
        }
    }

    private boolean connect() {
        // Clean start every time: the outbox, not the client session, is what gets replayed.
        options.setCleanStart(true);
        try {
            client.connect(options).waitForCompletion(settings.connectTimeout().toMillis());
            client.publish(topics.availability(), bytes(MqttPublisher.ONLINE), 1, true);
            connects.incrementAndGet();
            backoff.reset();
            sender.replayFromStart();
            retained.resendAll();
            LOG.info("MQTT connected to {} as {}, {} event(s) waiting in the outbox", client.getServerURI(),
                    client.getClientId(), outbox.size());
            return true;
        } catch (MqttException e) {
            lastConnectError = MqttErrors.describe(e);
            connectFailures.incrementAndGet();
            LOG.warn("MQTT connect to {} failed: {}", client.getServerURI(), lastConnectError);
            return false;
        }
    }

    /** Runs while disconnected too: the age limit matters most when the broker is away for long. */
    private void expireIfDue() {
        long now = time.millis();
        if (now - lastExpireMs >= EXPIRE_EVERY_MS) {
            lastExpireMs = now;
            int n = outbox.expire();
            if (n > 0) {
                LOG.warn("{} event(s) older than the outbox age limit dropped", n);
            }
        }
    }

    private void shutdown() throws InterruptedException {
        long deadline = time.nanos() + settings.closeTimeout().toNanos();
        snapshots.dropQueued(HandoffDrop.SNAPSHOT_CLOSED);
        if (client.isConnected()) {
            retained.sendPending(client);   // e.g. the zero counts after the open tracks were ended
        }
        while (client.isConnected() && time.nanos() < deadline && sender.sendNext(0)) {
            sender.flushAcks();
        }
        sender.awaitInflight(Math.max(0, deadline - time.nanos()));
        sender.flushAcks();
        int left = outbox.size();
        if (left > 0 && outbox.durable()) {
            LOG.info("MQTT publisher closed, {} event(s) kept in {} for the next start", left, outbox);
        } else if (left > 0) {
            unsentAtClose.addAndGet(left);
            LOG.warn("MQTT publisher closed with {} unsent events", left);
        }
        if (client.isConnected()) {
            disconnect();
        }
    }

    private void disconnect() {
        long timeout = settings.closeTimeout().toMillis();
        try {
            client.publish(topics.availability(), bytes(MqttPublisher.OFFLINE), 1, true).waitForCompletion(timeout);
            client.disconnect(timeout).waitForCompletion(timeout);
        } catch (MqttException e) {
            LOG.warn("MQTT clean disconnect failed: {}", e.toString());
        }
    }

    private void pause(long millis) {
        try {
            stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
