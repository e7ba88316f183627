package io.edgewatch.app;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DetectConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.metrics.MeterBindings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a new, already validated configuration to the running daemon as the smallest change (see
 * docs/config.md#live-reload): every key is either in {@link #LIVE} or in {@link #RESTART}, and a test walks the
 * loader's key catalogue to keep it so. Restart-only keys are compared with the configuration the daemon started
 * with, so a pending change stays reported until a restart (or until it is reverted). Callers serialise calls
 * (one reloader thread).
 */
final class LiveConfig {
    private static final Logger log = LoggerFactory.getLogger(LiveConfig.class);
    /** How long a reload waits for the detect thread to reach the end of a pass. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** Keys that wait for a restart, each with why (docs/config.md says the same). */
    static final Set<String> RESTART = Set.of(
            "device.name",              // in every topic, client id, event and retained message
            "model.variants",           // model.path: auto measures them once at start (and caches the choice)
            "detect.nms_iou",           // built into the loaded detector's decoder with the model
            "mqtt.outbox_path", "mqtt.outbox_max_events", "mqtt.outbox_max_age",
            "mqtt.outbox_max_bytes"); // the outbox carries events across

    /** Keys applied while running. */
    static final Set<String> LIVE = Set.of(
            "logging.level",
            "homeassistant.enabled", "homeassistant.prefix", // discovery sent again, removed configs cleared
            // hot-swapped after a trial run on recent frames (schedule/ModelSwap)
            "model.path", "model.threads", "model.input_size", "model.format", "model.labels", "model.min_fidelity",
            "model.force",
            "detect.min_score", "detect.label_min_score", "detect.labels", "detect.label_min_area",
            "mqtt.url", "mqtt.embedded_host", "mqtt.embedded_port", "mqtt.topic_prefix", "mqtt.client_id",
            "mqtt.username", "mqtt.password", "mqtt.qos", "mqtt.password_file", "mqtt.tls_ca_file",
            "mqtt.tls_cert_file", "mqtt.tls_key_file",
            "cameras[].name", "cameras[].url", "cameras[].loop", "cameras[].detect_fps", "cameras[].rtsp_transport",
            "cameras[].enabled", "cameras[].weight", "cameras[].decode", "cameras[].detect_url", "cameras[].hwaccel",
            "cameras[].zones", "cameras[].masks", "cameras[].motion.enabled", "cameras[].motion.threshold",
            "cameras[].motion.min_area", "cameras[].motion.refresh_seconds", "cameras[].motion.masks",
            "metrics.enabled", "metrics.host", "metrics.port",
            "budget.inference_fraction",
            "snapshots.enabled", "snapshots.max_size", "snapshots.quality", "snapshots.blur_faces",
            "snapshots.face_model", "snapshots.face_threshold", "snapshots.full_frame");

    /** The running parts a reload changes. */
    record Parts(Daemon.Pipeline pipeline, CameraSet cameras, PublishSide publish, Snapshots snapshots,
                 OpsEndpoint ops, MeterBindings meters) {}

    private final EdgewatchConfig started;
    private final Parts parts;
    private final double baseScore;
    private volatile EdgewatchConfig current;

    LiveConfig(EdgewatchConfig start, Parts parts) {
        this.started = Objects.requireNonNull(start, "start");
        this.current = start;
        this.parts = Objects.requireNonNull(parts, "parts");
        this.baseScore = DetectorFactory.baseScore(start.detect());
    }

    EdgewatchConfig current() {
        return current;
    }

    EdgewatchConfig started() {
        return started;
    }

    /**
     * Applies every live change, part by part; a part that fails is named in the exception and the others still
     * apply. @return the restart-only keys that differ from the running start configuration
     */
    List<String> apply(EdgewatchConfig next) throws PartFailed {
        EdgewatchConfig old = current;
        List<String> failed = new ArrayList<>();
        if (!next.logging().equals(old.logging())) {
            LogLevels.setRoot(next.logging().level());
        }
        if (!next.detect().equals(old.detect())) {
            warnBelowBase(next.detect());
            parts.pipeline().events().setDetect(next.detect());
        }
        if (next.budget().inferenceFraction() != old.budget().inferenceFraction()) {
            parts.pipeline().budget().setFraction(next.budget().inferenceFraction());
        }
        run(failed, "mqtt", () -> publish(old, next));
        run(failed, "cameras", () -> cameras(next));
        if (!next.snapshots().equals(old.snapshots()) || mqttChanged(old, next)) {
            run(failed, "snapshots", () -> parts.snapshots().apply(next.snapshots(),
                    parts.publish().publisher(), parts.pipeline().loop()));
        }
        if (!next.metrics().equals(old.metrics())) {
            run(failed, "metrics", () -> parts.ops().bind(next.metrics()));
        }
        current = next;
        if (!failed.isEmpty()) {
            throw new PartFailed(String.join("; ", failed));
        }
        return restartNeeded(started, next);
    }

    private void publish(EdgewatchConfig old, EdgewatchConfig next) {
        if (mqttChanged(old, next)) {
            parts.publish().reconnect(old, next, parts.pipeline().loop());
            parts.meters().bindPublisher(parts.publish().publisher());
        } else if (!enabledNames(old).equals(enabledNames(next))
                || !old.detect().labels().equals(next.detect().labels())
                || !old.homeassistant().equals(next.homeassistant())) {
            parts.publish().reannounce(next);
        }
    }

    private void cameras(EdgewatchConfig next) throws Exception {
        CameraSet.Changes ch = parts.cameras().apply(next.cameras(), parts.pipeline().loop());
        List<CameraConfig> enabled = next.cameras().stream().filter(CameraConfig::enabled).toList();
        await(parts.pipeline().loop().betweenPasses(() -> parts.pipeline().events().setCameras(enabled)));
        if (!ch.none()) {
            log.info("cameras: added {}, removed {}, restarted {}, changed in place {}", ch.added(), ch.removed(),
                    ch.restarted(), ch.tuned());
        }
    }

    /** A change of any mqtt key except the outbox ones (restart-only) means a new connection. */
    static boolean mqttChanged(EdgewatchConfig a, EdgewatchConfig b) {
        return !withStartOutbox(a, b).equals(a.mqtt());
    }

    /** {@code b}'s connection settings with {@code a}'s outbox settings. */
    private static MqttConfig withStartOutbox(EdgewatchConfig a, EdgewatchConfig b) {
        MqttConfig m = b.mqtt();
        return new MqttConfig(m.url(), m.embeddedHost(), m.embeddedPort(), m.topicPrefix(), m.clientId(),
                m.username(), m.password(), m.qos(), a.mqtt().outboxPath(), a.mqtt().outboxMaxEvents(),
                a.mqtt().outboxMaxAge(), m.security());
    }

    private static List<String> enabledNames(EdgewatchConfig c) {
        return c.cameras().stream().filter(CameraConfig::enabled).map(CameraConfig::name).toList();
    }

    @FunctionalInterface
    private interface Part {
        void apply() throws Exception;
    }

    private static void run(List<String> failed, String key, Part part) {
        try {
            part.apply();
        } catch (Exception e) {
            log.error("config reload: {} could not be applied: {}", key, e.toString());
            failed.add(key + ": " + e.getMessage());
        }
    }

    private void warnBelowBase(DetectConfig d) {
        double lowest = d.labelMinScore().values().stream().reduce(d.minScore(), Math::min);
        if (lowest < baseScore) {
            log.warn("score threshold {} is below the detector's base score {}: detections under {} stay hidden "
                    + "until a restart", lowest, baseScore, baseScore);
        }
    }

    /** Restart-only keys whose value differs between the two configurations. */
    static List<String> restartNeeded(EdgewatchConfig old, EdgewatchConfig next) {
        List<String> keys = new ArrayList<>();
        diff(keys, "device.name", old.device().name(), next.device().name());
        // model.*: hot-swapped by ModelSwap (tried first), not restarted; auto's variants are measured at start
        diff(keys, "model.variants", old.model().variants(), next.model().variants());
        diff(keys, "detect.nms_iou", old.detect().nmsIou(), next.detect().nmsIou());
        diff(keys, "mqtt.outbox_path", old.mqtt().outboxPath(), next.mqtt().outboxPath());
        diff(keys, "mqtt.outbox_max_events", old.mqtt().outboxMaxEvents(), next.mqtt().outboxMaxEvents());
        diff(keys, "mqtt.outbox_max_age", old.mqtt().outboxMaxAge(), next.mqtt().outboxMaxAge());
        return keys;
    }

    private static void diff(List<String> keys, String key, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            keys.add(key);
        }
    }

    /** Waits for a task handed to the detect thread. */
    static void await(CompletableFuture<Void> f) {
        try {
            f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the detect thread", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the detect thread did not finish its pass within " + WAIT, e);
        }
    }

    /** Some parts of a valid configuration could not be applied (the message names them). */
    static final class PartFailed extends Exception {
        PartFailed(String message) {
            super(message);
        }
    }
}
