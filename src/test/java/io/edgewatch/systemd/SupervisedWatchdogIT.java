package io.edgewatch.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.metrics.HealthChecks;
import io.edgewatch.metrics.Progress;
import io.edgewatch.publish.PublisherStats;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.testing.NotifySocket;
import io.edgewatch.util.Backoff;
import io.edgewatch.util.Supervisor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A supervised thread that cannot recover turns /health DOWN and stops the watchdog pings on a real unix datagram
 * socket (as systemd's NOTIFY_SOCKET), while a recovered one keeps both up. The health rule is the daemon's:
 * liveness UP and no supervisor failed.
 */
@Timeout(60)
class SupervisedWatchdogIT {
    @TempDir
    Path dir;

    @Test
    void anUnrecoverableThreadTurnsHealthDownAndStopsTheWatchdog() throws Exception {
        FakeTime time = FakeTime.atNanos(1_000_000_000L);
        AtomicLong steps = new AtomicLong();
        Progress loop = new Progress(steps::incrementAndGet, time, Duration.ofSeconds(20));   // always moving
        Supervisor recovers = supervisor("detect", time, 1);
        Supervisor neverRecovers = supervisor("mqtt-publisher", time, Integer.MAX_VALUE);
        HealthChecks health = new HealthChecks(loop, List.of(), SupervisedWatchdogIT::idle,
                List.of(recovers, neverRecovers), null);
        try (NotifySocket socket = new NotifySocket(dir.resolve("notify").toString());
             ServiceNotifier notifier = new ServiceNotifier(SdNotify.fromEnvironment(
                     Map.of("NOTIFY_SOCKET", dir.resolve("notify").toString())).map(n -> n),
                     Duration.ofMillis(200))) {
            notifier.ready(() -> health.liveness().up());
            recovers.run();
            assertThat(recovers.restarts()).isEqualTo(1);
            assertThat(health.liveness().up()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> pings(socket) >= 3);

            neverRecovers.run();   // fake time: five minutes of failing pass at once
            assertThat(neverRecovers.failed()).isTrue();
            HealthChecks.Result down = health.liveness();
            assertThat(down.up()).isFalse();
            assertThat(down.body()).containsEntry("status", "DOWN");
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.received().stream()
                    .anyMatch(m -> m.startsWith("STATUS=unhealthy")));
            long after = pings(socket);
            Thread.sleep(1_000);   // five ping intervals: none may arrive
            assertThat(pings(socket)).isEqualTo(after);
        }
    }

    /** A task that fails {@code failures} times, then returns. */
    private static Supervisor supervisor(String name, FakeTime time, int failures) {
        AtomicLong runs = new AtomicLong();
        return new Supervisor(name, () -> {
            if (runs.incrementAndGet() <= failures) {
                throw new IllegalStateException("injected fault in " + name);
            }
        }, time, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.0), Duration.ofMinutes(10),
                Duration.ofMinutes(5));
    }

    private static long pings(NotifySocket socket) {
        return socket.received().stream().filter("WATCHDOG=1"::equals).count();
    }

    private static PublisherStats idle() {
        return new PublisherStats(0, 0, 0, 0, 1, 0, true, 0, Map.of());
    }
}
