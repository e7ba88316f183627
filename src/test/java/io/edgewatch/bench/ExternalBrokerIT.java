package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's mosquitto launcher: listens on its loopback port while open, its own PID is gone after close. */
class ExternalBrokerIT {

    @Test
    void startsOnAFreeLoopbackPortAndStopsByItsPid(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(ExternalBroker.available(), "Debian mosquitto not installed");
        long pid;
        int port;
        try (ExternalBroker broker = ExternalBroker.start(dir)) {
            pid = broker.pid();
            port = URI.create(broker.url()).getPort();
            assertThat(broker.url()).startsWith("tcp://127.0.0.1:");
            assertThat(Loopback.accepts(port)).isTrue();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(() -> !Loopback.accepts(port));
    }
}
