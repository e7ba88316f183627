package io.edgewatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.publish.PublisherStats;
import io.edgewatch.testing.FakeTime;
import io.edgewatch.testing.Scrape;
import io.edgewatch.util.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A handler that throws is answered 500 and kills nothing: the next requests are served as usual. */
@Timeout(30)
class OpsHttpServerTest {
    @Test
    void aThrowingHandlerAnswers500AndTheServerGoesOn() throws Exception {
        FakeTime time = FakeTime.atNanos(1_000_000_000L);
        AtomicLong steps = new AtomicLong();
        AtomicBoolean broken = new AtomicBoolean(true);
        HealthChecks health = new HealthChecks(new Progress(steps::incrementAndGet, time, Duration.ofSeconds(20)),
                List::of, () -> new PublisherStats(0, 0, 0, 0, 1, 0, true, 0, Map.of()), Map::of, () -> {
                    if (broken.get()) {
                        throw new IllegalStateException("injected fault in a health check");
                    }
                    return List.<Supervisor>of();
                }, null);
        try (OpsMetrics metrics = new OpsMetrics(List.of());
             OpsHttpServer server = new OpsHttpServer("127.0.0.1", 0, metrics.registry(), health)) {
            server.start();
            Scrape.Reply failed = Scrape.get(server.port(), "/health");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).contains("injected fault");
            assertThat(Scrape.get(server.port(), "/ready").status()).isEqualTo(200);
            assertThat(Scrape.get(server.port(), "/metrics").status()).isEqualTo(200);
            assertThat(server.answers(Duration.ofSeconds(5))).as("any status line counts as answering").isTrue();
            broken.set(false);
            assertThat(Scrape.get(server.port(), "/health").status()).isEqualTo(200);
        }
    }
}
