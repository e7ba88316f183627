package io.edgewatch.metrics;

import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.ingest.IngestState;
import io.edgewatch.ingest.IngestStatus;
import io.edgewatch.publish.PublisherStats;
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

    /** Outcome with the JSON body to serve. */
    public record Result(boolean up, Map<String, Object> body) {}

    public HealthChecks(Progress detectLoop, List<CameraIngest> cameras, Supplier<PublisherStats> publisher) {
        this(detectLoop, () -> cameras, publisher, Map::of);
        List.copyOf(cameras); // rejects nulls at once
    }

    /**
     * @param cameras      the running cameras (live reload adds and removes them)
     * @param configReload the last config reload's outcome, served in /ready as {@code config_reload}
     */
    public HealthChecks(Progress detectLoop, Supplier<List<CameraIngest>> cameras, Supplier<PublisherStats> publisher,
                        Supplier<Map<String, Object>> configReload) {
        this.detectLoop = Objects.requireNonNull(detectLoop, "detectLoop");
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.configReload = Objects.requireNonNull(configReload, "configReload");
    }

    public Result liveness() {
        long since = detectLoop.sinceLastMoveNanos();
        boolean up = since <= detectLoop.window().toNanos();
        Map<String, Object> loop = new LinkedHashMap<>();
        loop.put("progressing", up);
        loop.put("last_progress_ms_ago", since / 1_000_000);
        loop.put("window_ms", detectLoop.window().toMillis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("detect_loop", loop);
        return new Result(up, body);
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
