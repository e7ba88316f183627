package io.edgewatch.app;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.config.SnapshotConfig;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.SequenceCounter;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.util.Supervisor;
import io.edgewatch.util.TimeSource;
import io.edgewatch.metrics.DeliveryCheck;
import io.edgewatch.metrics.DetectMetrics;
import io.edgewatch.metrics.HealthChecks;
import io.edgewatch.metrics.IngestMetrics;
import io.edgewatch.metrics.OpsHttpServer;
import io.edgewatch.metrics.OpsMetrics;
import io.edgewatch.metrics.Progress;
import io.edgewatch.metrics.PublishMetrics;
import io.edgewatch.metrics.ScheduleMetrics;
import io.edgewatch.metrics.ServiceMetrics;
import io.edgewatch.metrics.ThreadMetrics;
import io.edgewatch.outbox.Outbox;
import io.edgewatch.outbox.OutboxLimits;
import io.edgewatch.publish.EmbeddedBroker;
import io.edgewatch.publish.HomeAssistantSetup;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.PublisherSettings;
import io.edgewatch.publish.SnapshotPublisher;
import io.edgewatch.schedule.CameraSlot;
import io.edgewatch.schedule.ComputeBudget;
import io.edgewatch.schedule.DetectLoop;
import io.edgewatch.schedule.LoopLiveness;
import io.edgewatch.schedule.MotionGate;
import io.edgewatch.snapshot.BlazeFace;
import io.edgewatch.snapshot.FaceBlur;
import io.edgewatch.snapshot.SnapshotMaker;
import io.edgewatch.track.EventStage;
import io.edgewatch.track.TrackerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: broker (embedded unless configured), publisher, detector, one ingest thread per camera and
 * the shared detect loop, wired by constructors. {@link #close()} stops them in pipeline order.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);
    /** Events waiting on a live connection with no delivery for this long: wedged, let systemd restart us. */
    private static final Duration DELIVERY_BOUND = Duration.ofMinutes(5);

    private final Shutdown shutdown = new Shutdown();
    private final List<CameraIngest> cameras = new ArrayList<>();
    private final String brokerUrl;
    private final MqttPublisher publisher;
    private final Detector detector;
    private final List<CameraSlot> slots = new ArrayList<>();
    private final List<Supervisor> supervisors = new ArrayList<>();
    private DeliveryCheck delivery;
    private LiveConfig live;
    private Progress detectProgress;
    private ServiceMetrics serviceMetrics;
    private OpsHttpServer opsServer;

    private Daemon(EdgewatchConfig config, TimeSource time) {
        try {
            String device = config.device().name();
            brokerUrl = startBroker(config);
            detector = new DetectorFactory(time).create(config.model(), config.detect());
            shutdown.add(Shutdown.Phase.MODEL, "close detector", detector::close);
            log.info("model {} loaded (sha256 {})", detector.modelName(), detector.modelSha256());
            Outbox outbox = openOutbox(config.mqtt(), time);
            SequenceCounter sequences = new SequenceCounter(outbox.lastSequences());
            publisher = newPublisher(config, brokerUrl, time, outbox);
            shutdown.add(Shutdown.Phase.PUBLISH, "flush publisher, offline, disconnect", publisher::close);
            supervisors.add(publisher.supervisor());
            publisher.start();
            EventStage events = new EventStage(config.detect(), TrackerSettings.defaults(),
                    new EventFactory(device, UUID::randomUUID, time, sequences),
                    new DetectionEvent.ModelRef(detector.modelName(), detector.modelSha256()),
                    HomeAssistantSetup.announce(config, publisher.topics(), publisher::retain)
                            .andThen(publisher::publish), config.cameras());
            shutdown.add(Shutdown.Phase.TRACKS, "end open tracks", events::endAll);
            startSnapshots(config.snapshots(), events);
            startCameras(config, time, events);
            live = new LiveConfig(config, events, slots);
            startOps(config, time);
        } catch (RuntimeException e) {
            shutdown.run();
            throw e;
        }
    }

    private static MqttPublisher newPublisher(EdgewatchConfig config, String url, TimeSource time, Outbox outbox) {
        try {
            return new MqttPublisher(config.mqtt(), config.device().name(), url, PublisherSettings.defaults(),
                    new EventCodec(), time, outbox);
        } catch (RuntimeException e) {
            outbox.close();
            throw e;
        }
    }

    /** Snapshots are off by default; with them on, faces are blurred unless the user turned that off. */
    private void startSnapshots(SnapshotConfig s, EventStage events) {
        if (!s.enabled()) {
            return;
        }
        FaceBlur blur = null;
        if (s.blurFaces()) {
            BlazeFace faces = BlazeFace.load(s.faceModel());
            shutdown.add(Shutdown.Phase.MODEL, "close face model", faces::close);
            blur = new FaceBlur(faces, (float) s.faceThreshold());
        } else {
            log.warn("snapshots.blur_faces is false: snapshots may show faces");
        }
        events.snapshots(new SnapshotPublisher(new SnapshotMaker(s.maxSize(), s.quality(), blur, s.fullFrame()),
                publisher));
        log.info("snapshots on: max {} px, faces {}", s.maxSize(), s.blurFaces() ? "blurred" : "NOT blurred");
    }

    /** Events waiting from the last run are replayed first; sequence numbers continue where they stopped. */
    private static Outbox openOutbox(MqttConfig mqtt, TimeSource time) {
        OutboxLimits limits = new OutboxLimits(mqtt.outboxMaxEvents(), mqtt.outboxMaxAge(), mqtt.outboxMaxBytes(),
                OutboxLimits.DEFAULT_MIN_FREE, OutboxLimits.DEFAULT_SPILL);
        Outbox outbox = Outbox.open(mqtt.outboxPath(), limits, time);
        log.info("outbox {}: {} event(s) waiting from the last run", mqtt.outboxPath(), outbox.size());
        return outbox;
    }

    private String startBroker(EdgewatchConfig config) {
        if (!config.mqtt().embedded()) {
            return config.mqtt().url();
        }
        EmbeddedBroker broker = new EmbeddedBroker(config.mqtt().embeddedHost(), config.mqtt().embeddedPort());
        shutdown.add(Shutdown.Phase.BROKER, "stop embedded broker", broker::stop);
        broker.start();
        log.info("embedded MQTT broker listening on {}", broker.url());
        return broker.url();
    }

    private void startCameras(EdgewatchConfig config, TimeSource time, EventStage events) {
        for (CameraConfig c : config.cameras()) {
            if (c.enabled()) {
                CameraIngest ingest = new CameraIngest(c, time);
                cameras.add(ingest);
                slots.add(new CameraSlot(c.name(), c.detectFps(), c.weight(), MotionGate.of(c.motion()),
                        ingest.mailbox()::poll));
            }
        }
        DetectLoop loop = new DetectLoop(detector, slots, events, time,
                new ComputeBudget(config.budget().inferenceFraction()));
        log.info("detect budget: {} of the detect thread's time", config.budget().inferenceFraction());
        // A detector or tracker exception restarts the loop (counted); cameras reconnect on their own.
        Supervisor detectSupervisor = Supervisor.of("detect", loop, time);
        supervisors.add(detectSupervisor);
        Thread detectThread = new Thread(detectSupervisor, "detect");
        detectThread.setUncaughtExceptionHandler((t, e) -> log.error("detect thread died", e));
        shutdown.add(Shutdown.Phase.INGEST, "stop ingest", () -> cameras.forEach(CameraIngest::close));
        shutdown.add(Shutdown.Phase.DETECT, "stop detect loop", () -> {
            detectSupervisor.stop();
            loop.stop();
            detectThread.join(5_000);
        });
        cameras.forEach(CameraIngest::start);
        detectThread.start();
    }

    /** Metrics registry, health checks and the HTTP endpoint; the detect loop counts as live while it iterates. */
    private void startOps(EdgewatchConfig config, TimeSource time) {
        LoopLiveness liveness = new LoopLiveness(slots);
        detectProgress = new Progress(liveness::steps, time, liveness.window());
        delivery = new DeliveryCheck(publisher::stats, time, DELIVERY_BOUND);
        serviceMetrics = new ServiceMetrics(detectProgress);
        if (!config.metrics().enabled()) {
            return;
        }
        OpsMetrics metrics = new OpsMetrics(List.of(new IngestMetrics(cameras), new ScheduleMetrics(slots),
                new DetectMetrics(detector.modelName(), detector.inferenceTiming(), detector.preprocessTiming(),
                        time),
                new PublishMetrics(publisher), serviceMetrics, new ThreadMetrics(supervisors)));
        shutdown.add(Shutdown.Phase.BROKER, "close metrics registry", metrics::close);
        HealthChecks health = new HealthChecks(detectProgress, cameras, publisher::stats, supervisors, delivery);
        try {
            opsServer = new OpsHttpServer(config.metrics().host(), config.metrics().port(), metrics.registry(),
                    health);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.metrics().host() + ":"
                    + config.metrics().port() + " (metrics.host/metrics.port)", e);
        }
        shutdown.add(Shutdown.Phase.INGEST, "stop metrics endpoint", opsServer::close);
        opsServer.start();
    }

    /** Builds and starts everything; on a failure part-way, what was started is stopped again. */
    public static Daemon start(EdgewatchConfig config, TimeSource time) {
        return new Daemon(config, time);
    }

    /** The broker the events go to, e.g. tcp://127.0.0.1:1883. */
    public String brokerUrl() {
        return brokerUrl;
    }

    public List<CameraIngest> cameras() {
        return List.copyOf(cameras);
    }

    public MqttPublisher publisher() {
        return publisher;
    }

    /** The loaded detector (model name, sha256, inference and preprocess timings). */
    public Detector detector() {
        return detector;
    }

    /** Per-camera detect slots (detected and skipped counters), for metrics and `edgewatch bench`. */
    public List<CameraSlot> slots() {
        return List.copyOf(slots);
    }

    /**
     * For the systemd watchdog: the detect loop made progress within the liveness window, no supervised thread gave
     * up and delivery is not wedged (events waiting on a live connection, none delivered within the bound).
     */
    public boolean progressing() {
        boolean threadsOk = supervisors.stream().noneMatch(Supervisor::failed);
        return detectProgress.progressing() && threadsOk && !delivery.stalled();
    }

    /** The supervised threads: the detect loop and the publisher (camera ingest reconnects by itself). */
    public List<Supervisor> supervisors() {
        return List.copyOf(supervisors);
    }

    /** Port of /metrics, /health and /ready, or -1 when metrics.enabled is false. */
    public int opsPort() {
        return opsServer == null ? -1 : opsServer.port();
    }

    /** The configuration in force (the start one plus what live reloads applied). */
    public EdgewatchConfig config() {
        return live.current();
    }

    /**
     * Applies what a new configuration can change without restarting decoders (thresholds, labels, detect fps,
     * log level); returns the keys whose change needs a restart.
     */
    public List<String> reload(EdgewatchConfig next) {
        List<String> restart = live.apply(next);
        serviceMetrics.countReload(ServiceMetrics.ReloadResult.APPLIED);
        return restart;
    }

    /** Counts a reload that was rejected or found nothing to change. */
    public void countReload(ServiceMetrics.ReloadResult result) {
        serviceMetrics.countReload(result);
    }

    @Override
    public void close() {
        log.info("stopping");
        shutdown.run();
        log.info("stopped");
    }
}
