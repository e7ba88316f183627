package io.edgewatch.publish;

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
import io.edgewatch.testing.TinyTmpfs;
import io.edgewatch.util.TimeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The outbox path is in a directory the daemon cannot write at start. Made read-only by a real read-only tmpfs
 * mount ({@link TinyTmpfs#readOnly}): the tests run as root, and root ignores permission bits but not a read-only
 * mount; where the test may not mount it is skipped with that reason. Expected: no exception, one ERROR line that
 * names what is used instead (the in-memory queue), events delivered while connected, the overflow counted as
 * {@code write_error}; once the mount is writable the outbox file is created and used again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OutboxReadOnlyIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int SPILL = 50;

    @RegisterExtension
    final TinyTmpfs readOnly = TinyTmpfs.readOnly("1m");

    @Test
    void aReadOnlyDirectoryKeepsEventsInMemoryDeliversThemAndCountsTheOverflow() throws Exception {
        Path file = readOnly.dir().resolve("outbox.db");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger outboxLog = (Logger) LoggerFactory.getLogger("io.edgewatch.outbox");
        outboxLog.addAppender(logs);
        EventFactory factory = EventFixtures.factory("robox");
        try (Mosquitto broker = Mosquitto.start(); MqttProbe probe = MqttProbe.subscribe(broker.url(),
                "edgewatch/robox/+/events")) {
            Outbox outbox = Outbox.open(file, new OutboxLimits(10_000, Duration.ofDays(1), 64L << 20, 0.05, SPILL),
                    TimeSource.system());
            MqttPublisher publisher = new MqttPublisher(new MqttConfig(broker.url(), "127.0.0.1", 0, "edgewatch",
                    "read-only", null, null, 1), "robox", broker.url(), PublisherSettings.defaults(),
                    new EventCodec(), TimeSource.system(), outbox);
            try {
                List<String> errors = errors(logs);
                assertThat(errors).singleElement().asString().contains(file.toString()).contains("cannot be written")
                        .contains("read-only").contains("in-memory queue").contains("at most " + SPILL);
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < SPILL + 30; i++) {   // before the first connection: 30 too many for memory
                    ids.add(publish(publisher, factory));
                }
                assertThat(publisher.outboxStats().droppedWriteError()).isEqualTo(30);
                publisher.start();
                await().atMost(WAIT).until(() -> received(probe).size() >= SPILL);
                assertThat(received(probe)).isEqualTo(new TreeSet<>(ids.subList(30, ids.size())));
                for (int i = 0; i < 10; i++) {   // connected: straight through
                    ids.add(publish(publisher, factory));
                }
                await().atMost(WAIT).until(() -> received(probe).size() >= SPILL + 10);
                assertThat(errors(logs)).as("still one ERROR line").hasSize(1);
                assertThat(publisher.supervisor().failed()).isFalse();
                assertThat(file).doesNotExist();

                readOnly.makeWritable();
                await().atMost(WAIT).until(() -> {   // retried with backoff (at most 30 s apart)
                    publish(publisher, factory);
                    return Files.exists(file) && publisher.outboxStats().diskOk();
                });
                OutboxStats after = publisher.outboxStats();
                assertThat(after.droppedWriteError()).isEqualTo(30);
                assertThat(after.dropped()).isEqualTo(30);
            } finally {
                publisher.close();
                outboxLog.detachAppender(logs);
            }
        }
    }

    private static String publish(MqttPublisher publisher, EventFactory factory) {
        DetectionEvent e = factory.newEvent("yard", EventFixtures.T0, EventFixtures.FRAME,
                EventFixtures.person(0.9f), EventFixtures.MODEL);
        assertThat(publisher.publish(e)).isTrue();
        return e.eventId();
    }

    private static List<String> errors(ListAppender<ILoggingEvent> logs) {
        return logs.list.stream().filter(e -> e.getLevel() == Level.ERROR).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static Set<String> received(MqttProbe probe) {
        Set<String> ids = new TreeSet<>();
        probe.messages().forEach(m -> ids.add(new EventCodec().decode(m.payload()).eventId()));
        return ids;
    }
}
