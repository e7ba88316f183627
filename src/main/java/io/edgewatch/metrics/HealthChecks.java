package io.edgewatch.metrics;

import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.ingest.IngestState;
import io.edgewatch.ingest.IngestStatus;
import io.edgewatch.publish.PublisherStats;
import io.edgewatch.util.Supervisor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Liveness ({@code /health}): the process answers and the detect loop keeps making progress; a restart would help
 * otherwise. Readiness ({@code /ready}): every enabled camera is streaming and the MQTT broker is connected; a
 * restart would not help a camera that is down, so this never feeds the watchdog.
 */
public final class HealthChecks {
    private final Progress detectLoop;
    private final Supplier<List<CameraIngest>> cameras;
    private final Supplier<PublisherStats> publisher;
    private final Supplier<Map<String, Object>> configReload;
    private final Supplier<List<Supervisor>> threads;
    private final DeliveryCheck delivery;

    /** Outcome with the JSON body to serve. */
    public record Result(boolean up, Map<String, Object> body) {}

    public HealthChecks(Progress detectLoop, List<CameraIngest> cameras, Supplier<PublisherStats> publisher) {
        this(detectLoop, () -> cameras, publisher, Map::of, List::of, null);
        List.copyOf(cameras); // rejects nulls at once
    }

    /** Also DOWN when a supervised thread gave up or delivery is wedged ({@code delivery} may be null). */
    public HealthChecks(Progress detectLoop, List<CameraIngest> cameras, Supplier<PublisherStats> publisher,
                        List<Supervisor> threads, DeliveryCheck delivery) {
        this(detectLoop, () -> cameras, publisher, Map::of, () -> threads, delivery);
    }

    /** Without supervised threads or a delivery check. */
    public HealthChecks(Progress detectLoop, Supplier<List<CameraIngest>> cameras, Supplier<PublisherStats> publisher,
                        Supplier<Map<String, Object>> configReload) {
        this(detectLoop, cameras, publisher, configReload, List::of, null);
    }

    /**
     * @param cameras      the running cameras (live reload adds and removes them)
     * @param configReload the last config reload's outcome, served in /ready as {@code config_reload}
     * @param threads      supervised threads: /health is DOWN when one gave up
     * @param delivery     events waiting on a live connection with none delivered for too long; may be null
     */
    public HealthChecks(Progress detectLoop, Supplier<List<CameraIngest>> cameras, Supplier<PublisherStats> publisher,
                        Supplier<Map<String, Object>> configReload, Supplier<List<Supervisor>> threads,
                        DeliveryCheck delivery) {
        this.detectLoop = Objects.requireNonNull(detectLoop, "detectLoop");
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.configReload = Objects.requireNonNull(configReload, "configReload");
        this.threads = Objects.requireNonNull(threads, "threads");
        this.delivery = delivery;
    }

    public Result liveness() {
        long since = detectLoop.sinceLastMoveNanos();
        boolean up = since <= detectLoop.window().toNanos();
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("progressing", up);
        loop.put("last_progress_ms_ago", since / 1_000_000);
        loop.put("window_ms", detectLoop.window().toMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "DOWN");   // first in the body; set below
        body.put("detect_loop", loop);
        up &= supervision(body);
        body.put("status", up ? "UP" : "DOWN");
        return new Result(up, body);
    }

    /** Adds the supervised threads and delivery to the body. @return false if any of them is down */
    private boolean supervision(Map<String, Object> body) {
        boolean up = true;
        Map<String, Object> ts = new LinkedHashMap<>();
        for (Supervisor t : threads.get()) {
            up &= !t.failed();
            ts.put(t.name(), Map.of("failed", t.failed(), "restarts", t.restarts()));
        }
        if (!ts.isEmpty()) {
            body.put("threads", ts);
        }
        if (delivery != null) {
            long stalled = delivery.stalledNanos();
            boolean ok = stalled <= delivery.bound().toNanos();
            up &= ok;
            body.put("delivery", Map.of("ok", ok, "stalled_ms", stalled / 1_000_000, "bound_ms",
                    delivery.bound().toMillis()));
        }
        return up;
    }

    public Result readiness() {
        boolean up = true;
        Map<String, Object> cams = new LinkedHashMap<>();
        for (CameraIngest c : cameras.get()) {
            IngestStatus s = c.status();
            boolean streaming = s.state() == IngestState.STREAMING;
            up &= streaming;
            cams.put(c.name(), Map.of("state", s.state().name(), "ready", streaming, "reason", s.reason()));
        }
        PublisherStats p = publisher.get();
        up &= p.connected();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("cameras", cams);
        body.put("broker", Map.of("connected", p.connected(), "queued_events", p.queued()));
        Map<String, Object> reload = configReload.get();
        if (!reload.isEmpty()) {
            body.put("config_reload", reload);
        }
        return new Result(up, body);
    }
}
