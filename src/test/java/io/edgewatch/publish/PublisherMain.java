package io.edgewatch.publish;

import io.edgewatch.config.MqttConfig;
import io.edgewatch.event.EventCodec;
import io.edgewatch.util.TimeSource;
import java.util.concurrent.CountDownLatch;

/** Child-process publisher for the Last-Will test: connects, then parks until the test kills it (SIGKILL). */
public final class PublisherMain {
    private PublisherMain() {}

    public static void main(String[] args) throws InterruptedException {
        MqttConfig config = new MqttConfig(args[0], "127.0.0.1", 0, "edgewatch", "", null, null, 1);
        MqttPublisher publisher = new MqttPublisher(config, args[1], args[0], PublisherSettings.defaults(),
                new EventCodec(), TimeSource.system());
        publisher.start();
        new CountDownLatch(1).await();
    }
}
