package io.edgewatch.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.edgewatch.testing.NotifySocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify datagrams reach a real AF_UNIX datagram socket; the watchdog pings only while healthy. */
class SdNotifyTest {
    @TempDir
    Path dir;

    @Test
    void datagramsReachAPathSocket() throws Exception {
        String path = dir.resolve("notify").toString();
        try (NotifySocket socket = new NotifySocket(path)) {
            SdNotify n = new SdNotify(path);
            n.send("READY=1");
            n.send("STATUS=hello\nWATCHDOG=1");
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.received().size() == 2);
            assertThat(socket.received()).containsExactly("READY=1", "STATUS=hello|WATCHDOG=1");
        }
    }

    @Test
    void datagramsReachAnAbstractSocket() throws Exception {
        String name = "@edgewatch-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        try (NotifySocket socket = new NotifySocket(name)) {
            new SdNotify(name).send("READY=1");
            await().atMost(Duration.ofSeconds(5)).until(() -> socket.received().contains("READY=1"));
        }
    }

    @Test
    void sendingToAMissingSocketFails() {
        SdNotify n = new SdNotify(dir.resolve("nobody").toString());
        assertThatThrownBy(() -> n.send("READY=1")).hasMessageContaining("errno");
    }

    @Test
    void relativeOrOverlongNamesAreRejected() {
        assertThatThrownBy(() -> new SdNotify("run/notify")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new SdNotify("/" + "x".repeat(120))).hasMessageContaining("at most");
        assertThat(SdNotify.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void watchdogIntervalFollowsSystemdsVariables() {
        assertThat(ServiceNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000"), 7))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ServiceNotifier.watchdogTimeout(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "8"), 7))
                .as("meant for another process").isNull();
        assertThat(ServiceNotifier.watchdogTimeout(Map.of(), 7)).isNull();
    }

    @Test
    void watchdogPingsOnlyWhileHealthyThenStopping() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        AtomicBoolean healthy = new AtomicBoolean(true);
        ServiceNotifier notifier = new ServiceNotifier(Optional.of(sent::add), Duration.ofMillis(100));
        notifier.ready(healthy::get);
        await().atMost(Duration.ofSeconds(5)).until(() -> count(sent, "WATCHDOG=1") >= 3);

        healthy.set(false);
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.contains("STATUS=unhealthy, see /health"));
        long pings = count(sent, "WATCHDOG=1");
        Thread.sleep(400); // several intervals: a stalled loop must not be vouched for
        assertThat(count(sent, "WATCHDOG=1")).isEqualTo(pings);

        healthy.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> count(sent, "WATCHDOG=1") > pings);
        notifier.stopping();
        assertThat(sent.get(0)).startsWith("READY=1");
        assertThat(sent.get(sent.size() - 1)).isEqualTo("STOPPING=1");
    }

    private static long count(List<String> sent, String state) {
        return sent.stream().filter(state::equals).count();
    }
}
