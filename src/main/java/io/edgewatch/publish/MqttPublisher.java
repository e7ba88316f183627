package io.edgewatch.publish;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link DetectionEvent}s over MQTT v5 (Paho). {@link #publish} never blocks: events go into a bounded
 * queue (oldest dropped and counted when full) drained by the thread {@code mqtt-publisher-<device>}, which owns the
 * connection: connect with a retained "offline" Last Will on the availability topic, retained "online" after each
 * connect, reconnect with capped jittered backoff, a window of {@code maxInflight} unacknowledged publishes.
 * {@link #close} flushes (bounded), publishes retained "offline" and disconnects; no reconnect after that.
 */
public final class MqttPublisher implements AutoCloseable {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);
    private static final long POLL_MS = 100;

    private final MqttTopics topics;
    private final int qos;
    private final PublisherSettings settings;
    private final EventCodec codec;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ArrayBlockingQueue<DetectionEvent> queue;
    private final Semaphore window;
    private final Backoff backoff;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean closing;
    private DetectionEvent current;

    /** @param serverUri tcp://host:port (ssl:// for TLS); for the embedded broker use {@link EmbeddedBroker#url()} */
    public MqttPublisher(MqttConfig config, String device, String serverUri, PublisherSettings settings,
                         EventCodec codec, Clock clock) {
        Objects.requireNonNull(config, "config must not be null");
        if (config.qos() < 0 || config.qos() > 1) {
            throw new IllegalArgumentException("qos must be 0 or 1: " + config.qos());
        }
        if (serverUri == null || serverUri.isBlank()) {
            throw new IllegalArgumentException("serverUri must not be blank");
        }
        this.topics = new MqttTopics(config.topicPrefix(), device);
        this.qos = config.qos();
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.codec = Objects.requireNonNull(codec, "codec must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
        String clientId = config.clientId() == null || config.clientId().isBlank()
                ? "edgewatch-" + device : config.clientId();
        try {
            this.client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("invalid MQTT server URI " + serverUri + ": " + e.getMessage(), e);
        }
        this.options = MqttOptions.build(config, settings, topics.availability());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.window = new Semaphore(settings.maxInflight());
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax(), new SplittableRandom());
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

    /** Enqueues without blocking. @return false if the publisher is closed (the event is counted as dropped) */
    public boolean publish(DetectionEvent event) {
        Objects.requireNonNull(event, "event must not be null");
        if (closing) {
            dropped.incrementAndGet();
            return false;
        }
        accepted.incrementAndGet();
        while (!queue.offer(event)) {
            if (queue.poll() != null) {
                dropped.incrementAndGet();
            }
        }
        return true;
    }

    public PublisherStats stats() {
        return new PublisherStats(accepted.get(), published.get(), dropped.get(), failed.get(), connects.get(),
                queue.size(), client.isConnected());
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
    }

    @Override
    public String toString() {
        return "MqttPublisher[server=" + client.getServerURI() + ", clientId=" + client.getClientId()
                + ", user=" + options.getUserName() + ", password=" + (options.getPassword() == null ? "" : "***")
                + "]";
    }

    private void run() {
        while (!closing) {
            if (!client.isConnected() && !connect()) {
                pause(backoff.nextDelayMillis());
                continue;
            }
            try {
                sendNext(POLL_MS);
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
        options.setCleanStart(connects.get() == 0);
        try {
            client.connect(options).waitForCompletion(settings.connectTimeout().toMillis());
            client.publish(topics.availability(), bytes(ONLINE), 1, true);
            connects.incrementAndGet();
            backoff.reset();
            LOG.info("MQTT connected to {} as {}", client.getServerURI(), client.getClientId());
            return true;
        } catch (MqttException e) {
            LOG.warn("MQTT connect to {} failed: {}", client.getServerURI(), e.toString());
            return false;
        }
    }

    /** Sends one event if one is waiting and the in-flight window allows; keeps it for retry on failure. */
    private void sendNext(long waitMillis) throws InterruptedException {
        if (current == null) {
            current = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
        }
        if (current == null || !window.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
            return;
        }
        DetectionEvent stamped = current.withPublishedTime(clock.instant());
        try {
            MqttMessage message = new MqttMessage(codec.encode(stamped), qos, false, null);
            client.publish(topics.events(stamped.camera()), message, null, new Delivery());
            current = null;
        } catch (MqttException e) {
            window.release();
            if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT && client.isConnected()) {
                LOG.warn("MQTT publish of event {} failed: {}", stamped.eventId(), e.toString());
                failed.incrementAndGet();
                current = null;
            }
        }
    }

    private void shutdown() throws InterruptedException {
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (client.isConnected() && (current != null || !queue.isEmpty()) && System.nanoTime() < deadline) {
            sendNext(0);
        }
        window.tryAcquire(settings.maxInflight(), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        int left = queue.size() + (current == null ? 0 : 1);
        dropped.addAndGet(left);
        if (left > 0) {
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

    /** Completion of one event publish: frees its in-flight slot and counts the outcome. */
    private final class Delivery implements MqttActionListener {
        @Override
        public void onSuccess(IMqttToken token) {
            published.incrementAndGet();
            window.release();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
            failed.incrementAndGet();
            window.release();
            LOG.warn("MQTT delivery failed: {}", String.valueOf(e));
        }
    }
}
