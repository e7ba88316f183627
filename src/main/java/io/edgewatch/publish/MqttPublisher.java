package io.edgewatch.publish;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.outbox.OutboxStats;
import io.edgewatch.util.Backoff;
import io.edgewatch.util.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link DetectionEvent}s over MQTT v5 (Paho) through a durable {@link Outbox}. {@link #publish} writes
 * the event to the outbox (committed, on the caller's thread) and wakes the thread {@code mqtt-publisher-<device>},
 * which owns the connection: connect with a retained "offline" Last Will on the availability topic, retained
 * "online" after each connect, reconnect with capped jittered backoff, then send the outbox in row order with a
 * window of {@code maxInflight} unacknowledged publishes ({@link OutboxSender}). A row is deleted only after its
 * PUBACK; after every (re)connect the outbox is replayed from its oldest row, so nothing that was in flight is lost
 * (a repeat keeps its event id). {@link #close} flushes (bounded), publishes retained "offline" and disconnects;
 * what was not delivered stays in a durable outbox for the next start. No reconnect after close.
 */
public final class MqttPublisher implements AutoCloseable {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    private static final long POLL_MS = 100;
    private static final long EXPIRE_EVERY_MS = 1000;

    private final MqttTopics topics;
    private final PublisherSettings settings;
    private final EventCodec codec;
    private final TimeSource time;
    private final Outbox outbox;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final OutboxSender sender;
    private final Backoff backoff;
    private final Semaphore wake = new Semaphore(0);
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong snapshotsSent = new AtomicLong();
    private final java.util.Map<String, byte[]> retained = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong snapshotsDropped = new AtomicLong();
    private volatile String lastConnectError = "";
    private volatile boolean closing;
    private long lastExpireMs;

    /** Publisher with a non-durable in-memory outbox of {@code settings.queueCapacity()} events. */
    public MqttPublisher(MqttConfig config, String device, String serverUri, PublisherSettings settings,
                         EventCodec codec, TimeSource time) {
        this(config, device, serverUri, settings, codec, time, Outbox.inMemory(
                new OutboxLimits(settings.queueCapacity(), Duration.ofDays(3650)), time));
    }

    /**
     * @param serverUri tcp://host:port (ssl:// for TLS); for the embedded broker use {@link EmbeddedBroker#url()}
     * @param outbox    where events wait for their PUBACK; the publisher owns it and closes it on {@link #close}
     */
    public MqttPublisher(MqttConfig config, String device, String serverUri, PublisherSettings settings,
                         EventCodec codec, TimeSource time, Outbox outbox) {
        Objects.requireNonNull(config, "config must not be null");
        if (config.qos() < 0 || config.qos() > 1) {
            throw new IllegalArgumentException("qos must be 0 or 1: " + config.qos());
        }
        if (serverUri == null || serverUri.isBlank()) {
            throw new IllegalArgumentException("serverUri must not be blank");
        }
        this.topics = new MqttTopics(config.topicPrefix(), device);
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.codec = Objects.requireNonNull(codec, "codec must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
        this.outbox = Objects.requireNonNull(outbox, "outbox must not be null");
        String clientId = config.clientId() == null || config.clientId().isBlank()
                ? "edgewatch-" + device : config.clientId();
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT server URI " + serverUri + ": " + e.getMessage(), e);
        }
        this.options = MqttOptions.build(config, settings, topics.availability());
        this.sender = new OutboxSender(outbox, client, topics, config.qos(), settings.maxInflight(), codec, time);
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), new SplittableRandom()::nextDouble);
        this.thread = new Thread(this::run, "mqtt-publisher-" + device);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} died", t.getName(), e));
    }

    /** Starts the publisher thread; the first connect happens there, so a broker that is down does not block. */
    public void start() {
        thread.start();
    }

    public MqttTopics topics() {
        return topics;
    }

    /**
     * Writes the event to the outbox (the oldest is dropped and counted when it is full) and wakes the sender.
     * @return false if the publisher is closed or the write failed (the event is counted as dropped)
     */
    public boolean publish(DetectionEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        if (closing) {
            rejected.incrementAndGet();
            return false;
        }
        accepted.incrementAndGet();
        if (!outbox.append(event.eventId(), event.camera(), event.seq(), codec.encode(event))) {
            LOG.warn("event {} could not be written to {}: lost", event.eventId(), outbox);
            return false;
        }
        wake.release();
        return true;
    }

    /**
     * Publishes a JPEG on the camera's snapshot topic, QoS 0, retained (the latest one per camera), only while
     * connected: snapshots are not kept in the outbox. @return false if it was dropped (counted)
     */
    public boolean publishSnapshot(String camera, byte[] jpeg) {
        if (closing || !client.isConnected()) {
            snapshotsDropped.incrementAndGet();
            return false;
        }
        try {
            client.publish(topics.snapshot(camera), jpeg, 0, true);
            snapshotsSent.incrementAndGet();
            return true;
        } catch (MqttException e) {
            snapshotsDropped.incrementAndGet();
            LOG.debug("snapshot for {} dropped: {}", camera, e.toString());
            return false;
        }
    }

    /**
     * Retained messages (HA discovery configs, per-camera state) that are (re)published on every connect, and
     * now if connected. The latest payload per topic wins.
     */
    public void retain(String topic, byte[] payload) {
        retained.put(topic, payload);
        if (!closing && client.isConnected()) {
            sendRetained(topic, payload);
        }
    }

    private void sendRetained(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, true);
        } catch (MqttException e) {
            LOG.debug("retained {} deferred to the next connect: {}", topic, e.toString());
        }
    }

    /** Snapshots published and dropped (not connected) so far. */
    public long[] snapshotCounts() {
        return new long[] {snapshotsSent.get(), snapshotsDropped.get()};
    }

    public PublisherStats stats() {
        OutboxStats o = outbox.stats();
        return new PublisherStats(accepted.get(), sender.published(), rejected.get() + o.dropped(),
                sender.failed(), connects.get(), o.stored(), client.isConnected());
    }

    /** Failed connect attempts so far (each followed by a backoff pause). */
    public long connectFailures() {
        return connectFailures.get();
    }

    /** Why the latest connect attempt failed, as logged; empty before any failure. */
    public String lastConnectError() {
        return lastConnectError;
    }

    public OutboxStats outboxStats() {
        return outbox.stats();
    }

    /** Flush within the close timeout, retained "offline", disconnect. Idempotent; waits at most ~2x closeTimeout. */
    @Override
    public void close() {
        closing = true;
        stopSignal.countDown();
        if (thread.isAlive()) {
            try {
                thread.join(settings.closeTimeout().toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop in time, closing the connection forcibly", thread.getName());
            thread.interrupt();
        }
        MqttOptions.closeQuietly(client, thread.isAlive() || thread.getState() == Thread.State.NEW);
        if (!thread.isAlive()) {
            outbox.close();
        }
    }

    @Override
    public String toString() {
        return "MqttPublisher[server=" + client.getServerURI() + ", clientId=" + client.getClientId()
                + ", user=" + options.getUserName() + ", password=" + (options.getPassword() == null ? "" : "***")
                + "]";
    }

    private void run() {
        while (!closing) {
            expireIfDue();
            if (!client.isConnected() && !connect()) {
                pause(backoff.nextDelay().toMillis());
                continue;
            }
            try {
                sender.flushAcks();
                if (!sender.sendNext(POLL_MS)) {
                    wake.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
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

    private boolean connect() {
        // Clean start every time: the outbox, not the client session, is what gets replayed.
        options.setCleanStart(true);
        try {
            client.connect(options).waitForCompletion(settings.connectTimeout().toMillis());
            client.publish(topics.availability(), bytes(ONLINE), 1, true);
            connects.incrementAndGet();
            backoff.reset();
            sender.replayFromStart();
            retained.forEach(this::sendRetained);
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
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (client.isConnected() && System.nanoTime() < deadline && sender.sendNext(0)) {
            sender.flushAcks();
        }
        sender.awaitInflight(Math.max(0, deadline - System.nanoTime()));
        sender.flushAcks();
        int left = outbox.size();
        if (left > 0 && outbox.durable()) {
            LOG.info("MQTT publisher closed, {} event(s) kept in {} for the next start", left, outbox);
        } else if (left > 0) {
            rejected.addAndGet(left);
            LOG.warn("MQTT publisher closed with {} unsent events", left);
        }
        if (client.isConnected()) {
            try {
                client.publish(topics.availability(), bytes(OFFLINE), 1, true)
                        .waitForCompletion(settings.closeTimeout().toMillis());
                client.disconnect(settings.closeTimeout().toMillis())
                        .waitForCompletion(settings.closeTimeout().toMillis());
            } catch (MqttException e) {
                LOG.warn("MQTT clean disconnect failed: {}", e.toString());
            }
        }
    }

    private void pause(long millis) {
        try {
            stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
