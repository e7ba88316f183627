package io.edgewatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.event.EventCodec;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.watch.Ledger;
import io.edgewatch.watch.Summary;
import io.edgewatch.watch.WatchClient;
import io.edgewatch.watch.WatchPrinter;
import io.edgewatch.watch.WatchSettings;
import io.edgewatch.watch.Watcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet shape with real parts: four edgewatch daemons (child JVMs, bundled clip, own outbox, own broker user
 * under the documented ACL) → one mosquitto with persistence → two consumers in one shared-subscription group
 * (persistent sessions: clean start off, session expiry 10 min, fixed client ids), plus the shell sample consumer
 * from docs/examples in a group of its own. During the run a consumer crashes and comes back, the broker restarts
 * and a daemon is SIGKILLed and restarted. Asserted: the union of the two members covers every seq of every camera
 * (no gap), repeats carry the same event_id, and what mosquitto dealt to the crashed member while it was away
 * reached it after it came back with the same client id (mosquitto keeps such messages in that member's session;
 * it does not re-deal them to the other member).
 */
class FleetIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "fleet";
    private final List<BoxProcess> boxes = new ArrayList<>();
    private final List<WatchClient> consumers = new ArrayList<>();
    private final EventCodec codec = new EventCodec();
    private Mosquitto broker;
    private ShellConsumer shell;

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() throws Exception {
        for (BoxProcess b : boxes) {
            b.forceStop();
        }
        consumers.forEach(WatchClient::close);
        if (shell != null) {
            shell.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void sharedConsumersSeeEverySeqOverConsumerBrokerAndDaemonFaults() throws Exception {
        long t0 = System.nanoTime();
        broker = Mosquitto.startWithAcl(FleetAcl.users("box-1", "box-2", "box-3", "box-4"), FleetAcl.ACL, true);
        Ledger union = new Ledger(Duration.ofSeconds(30), true, Ledger.DEFAULT_REMEMBERED_IDS);
        Watcher watcher = new Watcher(union, new WatchPrinter(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), WatchPrinter.Mode.SUMMARY, Long.MAX_VALUE), System::nanoTime, 0);
        Map<String, AtomicLong> perMember = new TreeMap<>();
        AtomicLong backlog = new AtomicLong();
        Instant[] c1Back = {Instant.MAX};
        startConsumer("c1", watcher, perMember, backlog, c1Back);
        startConsumer("c2", watcher, perMember, backlog, c1Back);
        shell = ShellConsumer.start(dir, broker.port(), "c-shell");

        boxes.add(new BoxProcess(dir, "box-1", List.of("lobby", "yard"), broker.url()));
        for (int i = 2; i <= 4; i++) {
            boxes.add(new BoxProcess(dir, "box-" + i, List.of("lobby"), broker.url()));
        }
        for (BoxProcess b : boxes) {
            b.start();
        }
        await("every camera publishing").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> union.summary().highestSeq().size() == 5);
        log(t0, "all 5 cameras publishing: " + union.summary());

        // 1. A consumer crashes (no DISCONNECT) and comes back after a while with the same client id.
        consumers.get(0).crash();
        long before = union.summary().received();
        await().atMost(WAIT).until(() -> union.summary().received() >= before + 10);
        c1Back[0] = Instant.now();
        WatchClient c1 = startConsumer("c1", watcher, perMember, backlog, c1Back);
        assertThat(c1.sessionResumed()).as("mosquitto kept c1's session").isTrue();
        log(t0, "c1 back, session resumed");

        // 2. The broker restarts (graceful stop saves sessions and queued messages to its persistence file).
        // mosquitto 2.0 does not restore $share subscriptions from that file (plain ones it does): an event a box
        // publishes after the restart but before a group member has subscribed again is acknowledged with "no
        // matching subscribers" and lost to the group (docs/fleet.md). The boxes are frozen across the restart
        // until both members are back, so what is asserted is the boxes' and the group's own guarantee.
        for (BoxProcess b : boxes) {
            b.signal("STOP");
        }
        broker.stop();
        TimeUnit.SECONDS.sleep(2);
        broker.restart();
        await().atMost(WAIT).until(() -> consumers.stream().allMatch(WatchClient::connected));
        TimeUnit.SECONDS.sleep(1); // the re-subscribe follows connectComplete
        for (BoxProcess b : boxes) {
            b.signal("CONT");
        }
        shell.restartIfDead();
        long afterBroker = union.summary().received();
        await().atMost(WAIT).until(() -> union.summary().received() >= afterBroker + 10);
        log(t0, "broker restarted, consumers reconnected");

        // 3. A daemon is SIGKILLed mid-stream and started again on the same outbox.
        BoxProcess victim = boxes.get(1);
        victim.kill9();
        await().atMost(WAIT).until(() -> "offline".equals(union.summary().availability().get("box-2")));
        victim.start();
        // Online again = connected, and its outbox replay has begun.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> "online".equals(union.summary().availability().get("box-2")));
        // "online" is sent when MQTT connects, before the start finishes; a stop during the start keeps the
        // outbox for the next start (StopDuringStartIT) instead of draining it, so wait for the end of the start.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> victim.log().split("started in ", -1).length - 1 >= 2);
        log(t0, "box-2 back after kill -9 (its Last Will said offline)");

        // 4. Stop the boxes (tracks end, outboxes drain), then wait until the consumers are idle.
        boxes.forEach(BoxProcess::terminate);
        for (BoxProcess b : boxes) {
            assertThat(b.awaitExit(40)).as(b.device() + " exited\n" + b.log()).isTrue();
        }
        watcher.await(TimeUnit.SECONDS.toNanos(4), TimeUnit.SECONDS.toNanos(30), TimeUnit.MILLISECONDS.toNanos(200));
        Summary s = union.summary();
        log(t0, "drained: " + s + " per member " + perMember + ", c1 backlog " + backlog);

        assertThat(s.missing()).as("gaps in the union " + union.missingByStream() + "\n" + warnings(boxes)).isZero();
        assertThat(s.repeats()).as("a seq under two event ids").isZero();
        assertThat(s.invalid()).isZero();
        assertThat(s.highestSeq()).as("last seq per camera = what each box wrote").isEqualTo(truth());
        assertThat(backlog.get()).as("messages dealt to c1 while it was away, delivered on its return")
                .isPositive();
        assertThat(perMember.get("c2").get()).isPositive();
        assertThat(s.availability()).as("every box said offline at shutdown")
                .containsOnlyKeys("box-1", "box-2", "box-3", "box-4").containsValues("offline");
        assertThat(s.availability().values()).containsOnly("offline");

        Map<String, Long> shellLast = shell.awaitLastSeqs(s.highestSeq(), Duration.ofSeconds(20));
        assertThat(shellLast).as("shell consumer saw every camera up to its last seq; stderr " + shell.stderr()).isEqualTo(s.highestSeq());
        assertThat(shell.lines().stream().map(l -> l.split(" ")[0]).distinct().count())
                .as("shell consumer: distinct event ids").isEqualTo(s.unique());
        assertThat(shell.gaps()).as("shell consumer reported no gap").isEmpty();
        System.out.printf("FLEET events=%d unique=%d duplicates=%d missing=%d streams=%d members=%s c1_backlog=%d "
                + "shell_restarts=%d seconds=%d%n", s.received(), s.unique(), s.duplicates(), s.missing(),
                s.highestSeq().size(), perMember, backlog.get(), shell.restarts(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
    }

    private WatchClient startConsumer(String id, Watcher watcher, Map<String, AtomicLong> perMember,
                                      AtomicLong backlog, Instant[] c1Back) throws Exception {
        AtomicLong count = perMember.computeIfAbsent(id, k -> new AtomicLong());
        WatchSettings settings = new WatchSettings(broker.url(), id, "backend", "pw-backend", null, "edgewatch",
                GROUP, Duration.ofMinutes(10));
        WatchClient client = new WatchClient(settings, (topic, payload, at) -> {
            if (topic.endsWith("/events")) {
                count.incrementAndGet();
                if ("c1".equals(id) && at.isAfter(c1Back[0])
                        && codec.decode(payload).publishedTime().isBefore(c1Back[0])) {
                    backlog.incrementAndGet();
                }
            }
            watcher.onMessage(topic, payload, at);
        }, Instant::now);
        client.start(15_000);
        consumers.removeIf(c -> !c.connected());
        consumers.add("c1".equals(id) ? 0 : consumers.size(), client);
        return client;
    }

    /** Last seq per device/camera as recorded in each box's outbox; every outbox must be empty. */
    private Map<String, Long> truth() {
        Map<String, Long> out = new HashMap<>();
        for (BoxProcess b : boxes) {
            try (Outbox o = Outbox.open(b.outbox(), new OutboxLimits(100_000, Duration.ofHours(1)),
                    TimeSource.system())) {
                assertThat(o.size()).as(b.device() + " outbox drained\n" + warnings(List.of(b)) + "last lines:\n"
                        + tail(b.log(), 30)).isZero();
                o.lastSequences().forEach((camera, seq) -> out.put(b.device() + "/" + camera, seq));
            }
        }
        return out;
    }

    private static void log(long t0, String what) {
        System.out.printf("[%5.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    /** The boxes' WARN and ERROR lines, for a failure message. */
    private static String tail(String log, int lines) {
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String warnings(List<BoxProcess> boxes) {
        StringBuilder out = new StringBuilder();
        for (BoxProcess b : boxes) {
            b.log().lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("outbox") || l.contains("MQTT") || l.contains("stopp")
                    || l.contains("<3>")).limit(60).forEach(l -> out.append(b.device()).append(": ").append(l)
                    .append('\n'));
        }
        return out.toString();
    }
}
