package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.testing.ConsoleCapture;
import io.edgewatch.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgewatch watch} against a real mosquitto: a persistent session collects events while the watcher is
 * away; the next run reports the duplicate and the gap and exits 3. A wrong password exits 1 without printing it.
 */
class WatchCommandIT {
    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();
    private final EventCodec codec = new EventCodec();

    @TempDir
    Path dir;

    @Test
    void reportsDuplicateAndGapAndExitsThree() throws Exception {
        try (Mosquitto broker = Mosquitto.startWithUser("backend", "s3cret-pw")) {
            Path pw = dir.resolve("pw");
            Files.writeString(pw, "s3cret-pw\n");
            String[] args = {"watch", "--url", broker.url(), "--username", "backend", "--password-file", pw.toString(),
                    "--client-id", "it-watch", "--session-expiry", "5m", "--until-idle", "1500ms", "--json"};
            assertThat(Main.execute(args)).as("first run only creates the session").isZero();
            MqttClient pub = new MqttClient(broker.url(), "it-pub", new MemoryPersistence());
            org.eclipse.paho.mqttv5.client.MqttConnectionOptions o = new org.eclipse.paho.mqttv5.client
                    .MqttConnectionOptions();
            o.setUserName("backend");
            o.setPassword("s3cret-pw".getBytes(StandardCharsets.UTF_8));
            pub.connect(o);
            DetectionEvent one = event(1);
            for (DetectionEvent e : new DetectionEvent[] {one, one, event(2), event(5)}) {
                pub.publish("edgewatch/gate/door/events", new MqttMessage(codec.encode(e), 1, false, null));
            }
            pub.publish("edgewatch/gate/availability", new MqttMessage("online".getBytes(), 1, true, null));
            pub.disconnect();
            pub.close();
            console.reset();

            int code = Main.execute(args);
            String printed = console.out();
            assertThat(code).as(printed).isEqualTo(WatchCommand.EXIT_GAP);
            assertThat(printed).contains("\"kind\":\"duplicate\"", "\"kind\":\"gap\"", "\"kind\":\"availability\"",
                    "\"kind\":\"summary\"", "\"missing\":2", "\"duplicates\":1", "\"gate/door\":2");
            assertThat(printed + console.err()).doesNotContain("s3cret-pw");
        }
    }

    @Test
    void wrongPasswordExitsOneWithoutPrintingIt() throws Exception {
        try (Mosquitto broker = Mosquitto.startWithUser("backend", "right-pw")) {
            Path pw = dir.resolve("pw");
            Files.writeString(pw, "wrong-pw-42");
            int code = Main.execute("watch", "--url", broker.url(), "--username", "backend", "--password-file",
                    pw.toString(), "--duration", "1s");
            String all = console.out() + console.err();
            assertThat(code).as(all).isEqualTo(1);
            assertThat(all).contains("cannot subscribe").doesNotContain("wrong-pw-42");
        }
    }

    private static DetectionEvent event(long seq) {
        DetectionEvent e = EventFixtures.sample();
        return new DetectionEvent(1, "id-" + seq, "gate", "door", seq, e.type(), null, e.label(), e.score(), e.box(),
                e.frame(), e.model(), e.frameTime(), Instant.now());
    }
}
