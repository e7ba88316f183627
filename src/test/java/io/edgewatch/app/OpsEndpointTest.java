package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.config.MetricsConfig;
import io.edgewatch.metrics.HealthChecks;
import io.edgewatch.metrics.OpsHttpServer;
import io.edgewatch.metrics.OpsMetrics;
import io.edgewatch.metrics.Progress;
import io.edgewatch.publish.PublisherStats;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.testing.Scrape;
import io.edgewatch.util.TimeSource;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The metrics endpoint is supervised as {@code ops-http}: a server that stops answering (here: its JDK server
 * stopped under it, as when the dispatcher thread ends) is found by the watch, counted as a restart, and a fresh
 * server answers on the same port; one that cannot be reopened (the port taken meanwhile) gives up after the bound,
 * which turns /health DOWN (and so stops the watchdog, see {@code SupervisedWatchdogIT}).
 */
@Timeout(60)
class OpsEndpointTest {
    private final FakeTime fake = FakeTime.atNanos(1_000_000_000L);

    /** While set, sleeps do not end: the watch is held before its next step. */
    private volatile boolean held;
    /** Set once the watch sits in a held sleep, so a fault injected now cannot race a check in progress. */
    private volatile boolean parked;
    /** Sleeps begun: the watch sleeps only after its first check, so > 0 means it is watching. */
    private final AtomicLong sleeps = new AtomicLong();

    /** Fake time that also pauses 2 ms per sleep, so the watch's 30 s checks do not spin a core. */
    private final TimeSource time = new TimeSource() {
        @Override public long nanos() { return fake.nanos(); }
        @Override public Instant now() { return fake.now(); }
        @Override public void sleepNanos(long n) throws InterruptedException {
            sleeps.incrementAndGet();
            do {
                Thread.sleep(2);
                if (held) {
                    parked = true;
                }
            } while (held);
            parked = false;
            fake.sleepNanos(n);
        }
    };

    private HealthChecks health() {
        AtomicLong steps = new AtomicLong();
        return new HealthChecks(new Progress(steps::incrementAndGet, fake, Duration.ofSeconds(20)), List.of(),
                () -> new PublisherStats(0, 0, 0, 0, 1, 0, true, 0, Map.of()));
    }

    @Test
    void aServerThatStopsAnsweringIsReopenedOnTheSamePortAndCounted() {
        OpsEndpoint ops = new OpsEndpoint(new OpsMetrics(List.of()), health(), time);
        try {
            ops.bind(new MetricsConfig(true, "127.0.0.1", 0));
            int port = ops.port();
            assertThat(Scrape.get(port, "/health").status()).isEqualTo(200);
            OpsHttpServer first = ops.server();
            // a server closed before the watch's first check would be opened by that check, not restarted
            await().atMost(Duration.ofSeconds(10)).until(() -> sleeps.get() > 0);
            first.close();   // the injected fault: nothing listens any more
            assertThat(first.answers(Duration.ofSeconds(1))).isFalse();

            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> Scrape.get(port, "/health").status() == 200);
            assertThat(ops.server()).isNotSameAs(first);
            assertThat(ops.port()).isEqualTo(port);
            assertThat(ops.supervisor().restarts()).isEqualTo(1);
            assertThat(ops.supervisor().failed()).isFalse();
        } finally {
            ops.close();
        }
    }

    @Test
    void aServerThatCannotBeReopenedGivesUpAndHealthGoesDown() throws Exception {
        OpsEndpoint ops = new OpsEndpoint(new OpsMetrics(List.of()), health(), time);
        try {
            ops.bind(new MetricsConfig(true, "127.0.0.1", 0));
            int port = ops.port();
            held = true;   // the watch reopens nothing until the port is taken
            await().atMost(Duration.ofSeconds(10)).until(() -> parked);
            ops.server().close();
            try (ServerSocket squatter = new ServerSocket()) {
                squatter.setReuseAddress(true);
                squatter.bind(new InetSocketAddress("127.0.0.1", port));   // another process took the port
                Thread closer = new Thread(() -> hangUpOn(squatter), "squatter");
                closer.setDaemon(true);
                closer.start();
                held = false;
                await().atMost(Duration.ofSeconds(30)).until(() -> ops.supervisor().failed());
            }
            assertThat(ops.supervisor().restarts()).isGreaterThan(5);
            AtomicLong steps = new AtomicLong();
            HealthChecks daemonHealth = new HealthChecks(new Progress(steps::incrementAndGet, fake,
                    Duration.ofSeconds(20)), List.of(), () -> new PublisherStats(0, 0, 0, 0, 1, 0, true, 0, Map.of()),
                    List.of(ops.supervisor()), null);
            assertThat(daemonHealth.liveness().up()).isFalse();
        } finally {
            ops.close();
        }
    }

    /** Accepts and closes every connection: not an HTTP server, answers nothing. */
    private static void hangUpOn(ServerSocket squatter) {
        while (!squatter.isClosed()) {
            try (Socket s = squatter.accept()) {
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                return;
            }
        }
    }
}
