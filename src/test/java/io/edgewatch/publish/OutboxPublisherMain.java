package io.edgewatch.publish;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.EventFixtures;
import io.edgewatch.event.SequenceCounter;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Child process for the SIGKILL test, wired like the daemon: outbox file, sequence numbers seeded from it, random
 * event ids. Args: brokerUrl outboxFile count intervalMillis. Prints "appended N" every 25 events; after the last
 * one it waits until the outbox is empty, closes cleanly and exits 0.
 */
public final class OutboxPublisherMain {
    private OutboxPublisherMain() {}

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        int count = Integer.parseInt(args[2]);
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[3]));
        TimeSource time = TimeSource.system();
        Outbox outbox = Outbox.open(Path.of(args[1]), new OutboxLimits(100_000, Duration.ofHours(1)), time);
        EventFactory factory = new EventFactory("gatehouse", UUID::randomUUID, time,
                new SequenceCounter(outbox.lastSequences()));
        MqttConfig config = new MqttConfig(url, "127.0.0.1", 0, "edgewatch", "outbox-child", null, null, 1);
        MqttPublisher publisher = new MqttPublisher(config, "gatehouse", url,
                PublisherSettings.defaults().withReconnect(Duration.ofMillis(100), Duration.ofMillis(500)),
                new EventCodec(), time, outbox);
        publisher.start();
        for (int i = 1; i <= count; i++) {
            String camera = i % 3 == 0 ? "yard" : "front_door";
            publisher.publish(factory.newEvent(camera, time.now(), EventFixtures.FRAME,
                    EventFixtures.person(0.9f), EventFixtures.MODEL));
            if (i % 25 == 0) {
                System.out.println("appended " + i);
                System.out.flush();
            }
            LockSupport.parkNanos(intervalNanos);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (publisher.stats().queued() > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        int left = publisher.stats().queued();
        publisher.close();
        System.out.println("closed, left " + left);
        System.exit(left == 0 ? 0 : 3);
    }
}
