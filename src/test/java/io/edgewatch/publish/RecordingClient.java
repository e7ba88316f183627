package io.edgewatch.publish;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A real Paho client that records which thread calls each sending method (connect, publish, disconnect), and can
 * hold the caller of one publish topic at a gate (to fill a hand-off while the publisher thread is busy).
 */
final class RecordingClient extends MqttAsyncClient {
    record Call(String thread, String what) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch atGate = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile String gatedTopic;

    RecordingClient(String url, String clientId) throws MqttException {
        super(url, clientId, new MemoryPersistence());
    }

    List<Call> calls() {
        return calls;
    }

    /** The next publish on {@code topic} waits until {@link #openGate()}. */
    void gate(String topic) {
        gatedTopic = topic;
    }

    boolean awaitAtGate() throws InterruptedException {
        return atGate.await(15, TimeUnit.SECONDS);
    }

    void openGate() {
        release.countDown();
    }

    @Override
    public IMqttToken connect(MqttConnectionOptions options) throws MqttException {
        record("connect");
        return super.connect(options);
    }

    @Override
    public IMqttToken publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        record("publish " + topic);
        holdIfGated(topic);
        return super.publish(topic, payload, qos, retained);
    }

    @Override
    public IMqttToken publish(String topic, MqttMessage message, Object context, MqttActionListener callback)
            throws MqttException {
        record("publish " + topic);
        holdIfGated(topic);
        return super.publish(topic, message, context, callback);
    }

    @Override
    public IMqttToken disconnect(long quiesceTimeout) throws MqttException {
        record("disconnect");
        return super.disconnect(quiesceTimeout);
    }

    private void record(String what) {
        calls.add(new Call(Thread.currentThread().getName(), what));
    }

    private void holdIfGated(String topic) {
        if (topic.equals(gatedTopic)) {
            gatedTopic = null;
            atGate.countDown();
            try {
                release.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
