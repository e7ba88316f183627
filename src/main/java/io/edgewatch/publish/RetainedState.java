package io.edgewatch.publish;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retained messages (Home Assistant discovery configs, per-camera state): the latest payload per topic, and the
 * topics not yet sent on the current connection. Any thread may {@link #put}; only the publisher thread sends.
 * The hand-off coalesces (a newer payload for a topic replaces the waiting one) and is bounded by the number of
 * distinct topics; a topic beyond that bound is dropped and counted. Everything is sent again after each connect:
 * the broker may have lost it (a restart without persistence).
 */
final class RetainedState {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedState.class);

    private final Map<String, byte[]> latest = new ConcurrentHashMap<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private final int maxTopics;
    private final HandoffDrops drops;

    RetainedState(int maxTopics, HandoffDrops drops) {
        this.maxTopics = maxTopics;
        this.drops = drops;
    }

    /** Keeps the payload as the topic's latest and marks it for sending. @return false if dropped (counted) */
    boolean put(String topic, byte[] payload) {
        if (!latest.containsKey(topic) && latest.size() >= maxTopics) {
            drops.count(HandoffDrop.RETAINED_TOPICS_FULL);
            return false;
        }
        latest.put(topic, payload.clone());
        pending.add(topic);
        return true;
    }

    /** After a connect: every topic is due again. */
    void resendAll() {
        pending.addAll(latest.keySet());
    }

    /**
     * Publishes the waiting topics (publisher thread only). On a client error (not connected, in-flight window
     * full) the topic stays waiting and the rest waits for the next call.
     * @return true if nothing is left waiting
     */
    boolean sendPending(MqttAsyncClient client) {
        for (Iterator<String> it = pending.iterator(); it.hasNext(); ) {
            String topic = it.next();
            it.remove();
            try {
                client.publish(topic, latest.get(topic), 1, true);
            } catch (MqttException e) {
                pending.add(topic);
                LOG.debug("retained {} deferred: {}", topic, e.toString());
                return false;
            }
        }
        return true;
    }
}
