package io.edgewatch.publish;

import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Live objects per camera and label, from the event stream (+1 on new, -1 on end), published as the retained
 * per-camera state {@code {"car":0,"person":2}} whenever a count changes; Home Assistant's discovered sensors read
 * it. Labels listed up front always appear (as 0), others once seen.
 */
final class ObjectCounts implements Consumer<DetectionEvent> {
    private final Map<String, Map<String, Integer>> counts = new ConcurrentHashMap<>();
    private final BiConsumer<String, byte[]> state;

    /** @param state receives (camera, JSON) on every change */
    ObjectCounts(List<String> cameras, List<String> labels, BiConsumer<String, byte[]> state) {
        this.state = state;
        list(cameras, labels);
    }

    /** Lists these labels (as 0 until seen) for these cameras too, e.g. after a reload; publishes every state. */
    void list(List<String> cameras, List<String> labels) {
        for (String camera : cameras) {
            Map<String, Integer> m = counts.computeIfAbsent(camera, c -> new TreeMap<>());
            byte[] payload;
            synchronized (m) {
                labels.forEach(l -> m.putIfAbsent(l, 0));
                payload = json(m);
            }
            state.accept(camera, payload);
        }
    }

    @Override
    public void accept(DetectionEvent e) {
        if (e.type() == EventType.UPDATE) {
            return;
        }
        Map<String, Integer> m = counts.computeIfAbsent(e.camera(), c -> new TreeMap<>());
        byte[] payload;
        synchronized (m) {
            int delta = e.type() == EventType.NEW ? 1 : -1;
            m.merge(e.label(), delta, (a, b) -> Math.max(0, a + b));
            payload = json(m);
        }
        state.accept(e.camera(), payload);
    }

    static byte[] json(Map<String, Integer> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((label, n) -> b.append(b.length() > 1 ? "," : "").append('"').append(label).append("\":")
                .append(n));
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
