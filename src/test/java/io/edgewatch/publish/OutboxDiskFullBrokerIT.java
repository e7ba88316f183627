package io.edgewatch.publish;

import io.edgewatch.testing.TinyTmpfs;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.outbox.OutboxStats;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The scenario: the outbox on a real 300 KiB tmpfs fills while mosquitto is down; when it is back the
 * publisher is alive, what was stored is delivered, new events flow and the warnings stay few. Needs root (mount).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutboxDiskFullBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    final TinyTmpfs tinyFs = new TinyTmpfs("300k");

    @Test
    void fillsWhileTheBrokerIsDownThenDeliversAndFlows() throws Exception {
        try (Mosquitto broker = Mosquitto.startPersistent();
             MqttProbe probe = MqttProbe.durable(broker.url(), "edgewatch/yardbox/+/events")) {
            ListAppender<ILoggingEvent> logs = new ListAppender<>();
            logs.start();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(logs);
            Outbox outbox = Outbox.open(tinyFs.dir().resolve("outbox.db"), new OutboxLimits(1_000_000, Duration.ofDays(1),
                    64L << 20, 0.2, 50), TimeSource.system());
            MqttPublisher publisher = new MqttPublisher(new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch",
                    "full-disk", null, null, 1), "yardbox", broker.url(), PublisherSettings.defaults()
                    .withReconnect(Duration.ofMillis(100), Duration.ofMillis(500)), new EventCodec(),
                    TimeSource.system(), outbox);
            try {
                publisher.start();
                await().atMost(WAIT).until(() -> publisher.stats().connected());
                broker.stop();
                await().atMost(WAIT).until(() -> !publisher.stats().connected());
                EventFactory factory = EventFixtures.factory("yardbox");
                for (int i = 0; i < 1500; i++) {   // ~1 MB of rows on a 300 KiB filesystem
                    assertThat(publisher.publish(event(factory))).isTrue();
                }
                OutboxStats full = publisher.outboxStats();
                assertThat(full.droppedNoSpace() + full.droppedWriteError()).as("%s", full).isPositive();
                long stored = full.stored();
                broker.restart();
                probe.reconnect();
                await().atMost(WAIT).until(() -> uniqueIds(probe).size() >= stored);
                Set<String> before = uniqueIds(probe);
                for (int i = 0; i < 20; i++) {
                    publisher.publish(event(factory));
                }
                await().atMost(WAIT).until(() -> uniqueIds(probe).size() >= before.size() + 20);
                assertThat(publisher.supervisor().failed()).isFalse();
                long warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
                assertThat(warnings).as("warnings are rate-limited").isLessThan(20);
            } finally {
                publisher.close();
                root.detachAppender(logs);
            }
        }
    }

    private static DetectionEvent event(EventFactory factory) {
        return factory.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                EventFixtures.MODEL);
    }

    private static Set<String> uniqueIds(MqttProbe probe) {
        Set<String> ids = new TreeSet<>();
        probe.messages().forEach(m -> ids.add(new EventCodec().decode(m.payload()).eventId()));
        return ids;
    }

}
