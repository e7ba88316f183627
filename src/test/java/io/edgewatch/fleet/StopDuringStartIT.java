package io.edgewatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.testing.Mosquitto;
import io.edgewatch.testing.MqttProbe;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while the daemon is still starting (systemd stop or a restart right after a crash): the stop waits for
 * the start to finish and then runs in order, so the events the last run left in the outbox are delivered instead
 * of being cut off by a JVM that exits with no shutdown hook in place yet. The signal is sent on the first start-up
 * line (the outbox report), before the model is loaded and "started in" is logged.
 */
class StopDuringStartIT {
    private static final int LEFT_OVER = 40;
    private Mosquitto broker;
    private BoxProcess box;

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        if (box != null) {
            box.forceStop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sigtermDuringStartFinishesTheStartThenDeliversTheLeftOverOutbox() throws Exception {
        broker = Mosquitto.startWithAcl(FleetAcl.users("box-1"), FleetAcl.ACL, false);
        box = new BoxProcess(dir, "box-1", List.of("lobby"), broker.url());
        EventCodec codec = new EventCodec();
        EventFactory factory = EventFixtures.factory("box-1");
        try (Outbox outbox = Outbox.open(box.outbox(), new OutboxLimits(1000, Duration.ofHours(1)),
                TimeSource.system())) {
            for (int i = 0; i < LEFT_OVER; i++) {
                var e = factory.newEvent("lobby", EventFixtures.T0, EventFixtures.FRAME, EventFixtures.person(0.9f),
                        EventFixtures.MODEL);
                outbox.append(e.eventId(), e.camera(), e.seq(), codec.encode(e));
            }
        }
        try (MqttProbe backend = MqttProbe.subscribe(broker.url(), "edgewatch/box-1/+/events", "backend",
                "pw-backend")) {
            box.start();
            await("the first start-up line").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> box.log().contains("waiting from the last run"));
            box.terminate();
            assertThat(box.awaitExit(60)).as("exited\n" + box.log()).isTrue();
            String log = box.log();
            // Either the start finished and the stop followed in order, or the start was cut short (ONNX Runtime
            // closes its environment in its own shutdown hook, so a model still loading fails) and the failed start
            // stopped what it had begun, publisher flush included. Never an exit with the outbox cut off.
            assertThat(log).as("an orderly stop\n" + log).containsAnyOf("stopped during start-up", "stopped\n");
            if (log.contains("started in")) {
                assertThat(log.indexOf("stopping")).as("stop after start\n" + log)
                        .isGreaterThan(log.indexOf("started in"));
            }
            assertThat(log).as("no error for a stop request\n" + log).doesNotContain("edgewatch run:");
            try (Outbox outbox = Outbox.open(box.outbox(), new OutboxLimits(1000, Duration.ofHours(1)),
                    TimeSource.system())) {
                assertThat(outbox.size()).as("the left-over events were delivered\n" + log).isZero();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.messages().size() >= LEFT_OVER);
        }
    }
}
