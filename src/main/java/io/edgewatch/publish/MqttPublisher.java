package io.edgewatch.publish;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxException;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.outbox.OutboxStats;
import io.edgewatch.outbox.StoredEvent;
import io.edgewatch.util.Supervisor;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link DetectionEvent}s over MQTT v5 (Paho) through a durable {@link Outbox}, plus retained messages
 * and snapshots. Callers on any thread only hand work over: {@link #publish} commits the event to the outbox,
 * {@link #retain} and {@link #publishSnapshot} fill bounded hand-offs (drops counted by {@link HandoffDrop}).
 * The thread {@code mqtt-publisher-<device>} ({@link ConnectionLoop}) is the only one that sends on the client:
 * it connects, sends the outbox in row order ({@link OutboxSender}), drains the hand-offs and re-sends retained
 * messages after every connect. A row is deleted only after its PUBACK and replayed after a reconnect, so nothing
 * in flight is lost (a repeat keeps its event id). {@link #close} flushes (bounded), publishes retained "offline"
 * and disconnects; what was not delivered stays in a durable outbox for the next start. No reconnect after close.
 */
public final class MqttPublisher implements AutoCloseable {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

    private final MqttTopics topics;
    private final PublisherSettings settings;
    private final EventCodec codec;
    private final Outbox outbox;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final OutboxSender sender;
    private final HandoffDrops drops = new HandoffDrops();
    private final RetainedState retained;
    private final SnapshotQueue snapshots;
    private final ConnectionLoop loop;
    private final TimeSource time;
    private final Supervisor supervisor;
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean closing;

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
        this(config, device, newClient(config, device, serverUri), settings, codec, time, outbox);
    }

    /** Test seam: the given client (e.g. one that records which threads call it) instead of a new one. */
    MqttPublisher(MqttConfig config, String device, MqttAsyncClient client, PublisherSettings settings,
                  EventCodec codec, TimeSource time, Outbox outbox) {
        this.topics = new MqttTopics(config.topicPrefix(), device);
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.codec = Objects.requireNonNull(codec, "codec must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
        this.outbox = Objects.requireNonNull(outbox, "outbox must not be null");
        this.client = client;
        this.options = MqttOptions.build(config, settings, topics.availability());
        this.sender = new OutboxSender(outbox, client, topics, config.qos(), settings.maxInflight(), codec, time);
        this.retained = new RetainedState(settings.retainedTopics(), drops);
        this.snapshots = new SnapshotQueue(settings.snapshotQueue(), topics, drops);
        this.loop = new ConnectionLoop(client, options, settings, topics, outbox, sender, retained, snapshots, time);
        // An outbox or client fault must not end the only thread that delivers: the loop is run again (counted).
        this.supervisor = Supervisor.of("mqtt-publisher", loop, time);
        this.thread = new Thread(supervisor, "mqtt-publisher-" + device);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} died", t.getName(), e));
    }

    private static MqttAsyncClient newClient(MqttConfig config, String device, String serverUri) {
        Objects.requireNonNull(config, "config must not be null");
        if (config.qos() < 0 || config.qos() > 1) {
            throw new IllegalArgumentException("qos must be 0 or 1: " + config.qos());
        }
        if (serverUri == null || serverUri.isBlank()) {
            throw new IllegalArgumentException("serverUri must not be blank");
        }
        new MqttTopics(config.topicPrefix(), device);   // validates the device name before a client exists
        String clientId = config.clientId() == null || config.clientId().isBlank()
                ? "edgewatch-" + device : config.clientId();
        try {
            return new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT server URI " + serverUri + ": " + e.getMessage(), e);
        }
    }

    /** Starts the publisher thread; the first connect happens there, so a broker that is down does not block. */
    public void start() {
        thread.start();
    }

    /** Restarts of the publisher thread's loop, and whether it gave up. */
    public Supervisor supervisor() {
        return supervisor;
    }

    public MqttTopics topics() {
        return topics;
    }

    /**
     * Writes the event to the outbox (the oldest is dropped and counted when it is full; while the file cannot be
     * written it is kept in memory, see {@link Outbox}) and wakes the sender. Storage faults are counted and logged
     * by the outbox at a bounded rate, never per event here.
     * @return false only if the publisher (or its outbox) is closed
     */
    public boolean publish(DetectionEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        if (closing) {
            rejected.incrementAndGet();
            return false;
        }
        boolean kept;
        try {
            kept = outbox.append(event.eventId(), event.camera(), event.seq(), codec.encode(event));
        } catch (IllegalStateException closedMeanwhile) {
            kept = false;
        }
        if (!kept) {
            rejected.incrementAndGet();
            return false;
        }
        accepted.incrementAndGet();
        loop.wake();
        return true;
    }

    /**
     * Hands a JPEG over for the camera's snapshot topic (QoS 0, retained: the latest one per camera). Only while
     * connected: snapshots are not kept in the outbox. @return false if it was dropped at once (counted)
     */
    public boolean publishSnapshot(String camera, byte[] jpeg) {
        if (closing) {
            drops.count(HandoffDrop.SNAPSHOT_CLOSED);
            return false;
        }
        if (!client.isConnected()) {   // a state read; the send happens on the publisher thread
            drops.count(HandoffDrop.SNAPSHOT_OFFLINE);
            return false;
        }
        snapshots.offer(camera, jpeg);
        loop.wake();
        return true;
    }

    /**
     * A retained message (HA discovery config, per-camera state) that the publisher thread sends soon and again
     * after every connect. The latest payload per topic wins.
     */
    public void retain(String topic, byte[] payload) {
        if (retained.put(topic, payload)) {
            loop.wake();
        }
    }

    /** Snapshots sent and dropped (any reason) so far. */
    public long[] snapshotCounts() {
        long dropped = drops.get(HandoffDrop.SNAPSHOT_QUEUE_FULL) + drops.get(HandoffDrop.SNAPSHOT_OFFLINE)
                + drops.get(HandoffDrop.SNAPSHOT_ERROR) + drops.get(HandoffDrop.SNAPSHOT_CLOSED);
        return new long[] {snapshots.sent(), dropped};
    }

    public PublisherStats stats() {
        OutboxStats o = outbox.stats();
        return new PublisherStats(accepted.get(), sender.published(),
                rejected.get() + loop.unsentAtClose() + o.dropped(), sender.failed(), loop.connects(), o.stored(),
                client.isConnected(), snapshots.sent(), drops.snapshot());
    }

    /** Failed connect attempts so far (each followed by a backoff pause). */
    public long connectFailures() {
        return loop.connectFailures();
    }

    /** Why the latest connect attempt failed, as logged; empty before any failure. */
    public String lastConnectError() {
        return loop.lastConnectError();
    }

    public OutboxStats outboxStats() {
        return outbox.stats();
    }

    /** Latency of each acknowledged event, outbox write to PUBACK in ms, called on the MQTT client's thread. */
    public void onDelivered(LongConsumer latencyMillis) {
        sender.onAcked(Objects.requireNonNull(latencyMillis, "latencyMillis"));
    }

    /** How long the oldest waiting event has been in the outbox, in ms; 0 when it is empty or closed. */
    public long oldestWaitingMillis() {
        try {
            List<StoredEvent> oldest = outbox.after(0, 1);
            return oldest.isEmpty() ? 0 : Math.max(0, outbox.nowMillis() - oldest.get(0).createdMillis());
        } catch (OutboxException | IllegalStateException e) {
            return 0;   // unreadable, or closed at shutdown while a scrape ran
        }
    }

    /** Flush within the close timeout, retained "offline", disconnect. Idempotent; waits at most ~2x closeTimeout. */
    @Override
    public void close() {
        close(true);
    }

    /**
     * As {@link #close()} but leaves the outbox open for the publisher that replaces this one (live reload of
     * {@code mqtt}): what this one did not deliver is sent by the next.
     */
    public void closeKeepingOutbox() {
        close(false);
    }

    private void close(boolean closeOutbox) {
        closing = true;
        supervisor.stop();
        loop.stop();
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
        // The owner has stopped (or is stuck): releasing the client from here cannot race a send.
        MqttOptions.closeQuietly(client, thread.isAlive() || thread.getState() == Thread.State.NEW);
        if (closeOutbox && !thread.isAlive()) {
            outbox.close();
        }
    }

    @Override
    public String toString() {
        return "MqttPublisher[server=" + client.getServerURI() + ", clientId=" + client.getClientId()
                + ", user=" + options.getUserName() + ", password=" + (options.getPassword() == null ? "" : "***")
                + "]";
    }

    /** The hand-off drop counters, shared with the snapshot worker. */
    HandoffDrops handoffDrops() {
        return drops;
    }
}
