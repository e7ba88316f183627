package io.edgewatch.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable outbox end to end against a real mosquitto (with persistence, so the test's own subscriber misses
 * nothing over a broker restart): a broker outage and SIGKILLed publisher processes lose no event, per-camera
 * sequence numbers arrive contiguous and in order, and a repeated delivery carries the same event id.
 */
class OutboxDeliveryIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EVENTS = "edgewatch/gatehouse/+/events";
    private final EventCodec codec = new EventCodec();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private final List<Process> children = new ArrayList<>();
    private Mosquitto broker;

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() throws Exception {
        children.forEach(Process::destroyForcibly);
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void brokerOutageMidRunLosesNothingAndKeepsPerCameraOrder() throws Exception {
        broker = Mosquitto.startPersistent();
        MqttProbe probe = track(MqttProbe.durable(broker.url(), EVENTS));
        Outbox outbox = Outbox.open(dir.resolve("outbox.db"), new OutboxLimits(10_000, Duration.ofHours(1)),
                TimeSource.system());
        MqttConfig config = new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch", "pub-outage", null, null, 1);
        MqttPublisher publisher = track(new MqttPublisher(config, "gatehouse", broker.url(),
                PublisherSettings.defaults().withReconnect(Duration.ofMillis(100), Duration.ofMillis(500)), codec,
                TimeSource.system(), outbox));
        publisher.start();
        await().atMost(WAIT).until(() -> publisher.stats().connected());
        EventFactory factory = EventFixtures.factory("gatehouse");
        long restartedAt = 0;
        for (int i = 1; i <= 600; i++) {
            publisher.publish(factory.newEvent(i % 3 == 0 ? "yard" : "front_door", EventFixtures.T0,
                    EventFixtures.FRAME, EventFixtures.person(0.9f), EventFixtures.MODEL));
            if (i == 200) {
                broker.stop();
                await().atMost(WAIT).until(() -> !publisher.stats().connected());
            } else if (i == 400) {
                assertThat(publisher.stats().queued()).as("events waiting while the broker is down")
                        .isGreaterThanOrEqualTo(200);
                broker.restart();
                probe.reconnect();
                restartedAt = System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        await().atMost(WAIT).until(() -> uniqueIds(probe) == 600);
        long drainMs = (System.nanoTime() - restartedAt) / 1_000_000;

        Map<String, Long> last = assertContiguousAndConsistent(probe);
        assertThat(last).isEqualTo(Map.of("front_door", 400L, "yard", 200L));
        await().atMost(WAIT).until(() -> publisher.stats().queued() == 0 && publisher.stats().published() == 600);
        PublisherStats s = publisher.stats();
        assertThat(s.published()).isEqualTo(600);
        assertThat(s.dropped()).isZero();
        assertThat(s.connects()).isEqualTo(2);
        System.out.printf("broker outage: %d received (%d unique), drained %d ms after restart, stats %s%n",
                probe.messages().size(), uniqueIds(probe), drainMs, s);
    }

    @Test
    void sigkilledPublisherLosesNothingAndRepeatsKeepTheirEventId() throws Exception {
        broker = Mosquitto.startPersistent();
        MqttProbe probe = track(MqttProbe.durable(broker.url(), EVENTS));
        Path db = dir.resolve("state/outbox.db");

        Child first = Child.start(broker.url(), db, 1_000_000, 2, children);
        await().atMost(WAIT).until(() -> probe.messages().size() >= 150);
        first.kill();

        broker.stop();
        Child second = Child.start(broker.url(), db, 1_000_000, 2, children);
        await().atMost(WAIT).until(() -> second.appended() >= 150);
        second.kill();
        int beforeRestart = probe.messages().size();

        broker.restart();
        probe.reconnect();
        Child third = Child.start(broker.url(), db, 100, 2, children);
        assertThat(third.process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("third run finished").isTrue();
        assertThat(third.process.exitValue()).as("third run emptied its outbox").isZero();

        Map<String, Long> written;
        try (Outbox o = Outbox.open(db, new OutboxLimits(100_000, Duration.ofHours(1)), TimeSource.system())) {
            assertThat(o.size()).isZero();
            written = o.lastSequences();
        }
        await().atMost(WAIT).until(() -> received(probe).size() >= written.values().stream()
                .mapToLong(Long::longValue).sum());
        Map<String, Long> last = assertContiguousAndConsistent(probe);
        assertThat(last).isEqualTo(written);
        long total = written.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isGreaterThan(beforeRestart + 100L);
        System.out.printf("SIGKILL x2: %d events written, %d messages received (%d repeats), %d before restart%n",
                total, probe.messages().size(), probe.messages().size() - uniqueIds(probe), beforeRestart);
    }

    /**
     * Per camera: every seq from 1 to the highest received, each seq with exactly one event id (a repeat is the
     * same event), and first arrivals in seq order. @return highest seq per camera
     */
    private Map<String, Long> assertContiguousAndConsistent(MqttProbe probe) {
        Map<String, Map<Long, Set<String>>> idsBySeq = new TreeMap<>();
        Map<String, List<Long>> firstArrivals = new TreeMap<>();
        for (DetectionEvent e : received(probe)) {
            Set<String> ids = idsBySeq.computeIfAbsent(e.camera(), c -> new TreeMap<>())
                    .computeIfAbsent(e.seq(), q -> new LinkedHashSet<>());
            if (ids.isEmpty()) {
                firstArrivals.computeIfAbsent(e.camera(), c -> new ArrayList<>()).add(e.seq());
            }
            ids.add(e.eventId());
        }
        Map<String, Long> last = new LinkedHashMap<>();
        idsBySeq.forEach((camera, bySeq) -> {
            long max = ((TreeMap<Long, Set<String>>) bySeq).lastKey();
            assertThat(bySeq.keySet()).as(camera + " seqs contiguous").hasSize((int) max);
            bySeq.forEach((seq, ids) -> assertThat(ids).as(camera + " seq " + seq + " event ids").hasSize(1));
            assertThat(firstArrivals.get(camera)).as(camera + " order").isSorted();
            last.put(camera, max);
        });
        return last;
    }

    private List<DetectionEvent> received(MqttProbe probe) {
        return probe.messages().stream().filter(m -> m.topic().endsWith("/events"))
                .map(m -> codec.decode(m.payload())).toList();
    }

    private long uniqueIds(MqttProbe probe) {
        return received(probe).stream().map(DetectionEvent::eventId).distinct().count();
    }

    private <T extends AutoCloseable> T track(T resource) {
        cleanup.add(resource);
        return resource;
    }

    /** {@link OutboxPublisherMain} in a child JVM; its "appended N" lines are counted. */
    private static final class Child {
        final Process process;
        final AtomicInteger appended = new AtomicInteger();

        private Child(Process process) {
            this.process = process;
            Thread reader = new Thread(this::readOutput, "child-" + process.pid() + "-out");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(String url, Path db, int count, int intervalMs, List<Process> all) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    OutboxPublisherMain.class.getName(), url, db.toString(), Integer.toString(count),
                    Integer.toString(intervalMs)).redirectErrorStream(true).start();
            all.add(p);
            return new Child(p);
        }

        int appended() {
            return appended.get();
        }

        /** SIGKILL by PID (Process.destroyForcibly sends SIGKILL on Linux), then wait until it is gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(137);
        }

        private void readOutput() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("appended ")) {
                        appended.set(Integer.parseInt(line.substring("appended ".length()).trim()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the child was killed
            }
        }
    }
}
