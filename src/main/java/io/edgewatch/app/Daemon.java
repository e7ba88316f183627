package io.edgewatch.app;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.config.MqttConfig;
import io.edgewatch.config.SnapshotConfig;
import io.edgewatch.detect.Detector;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.ModelTrial;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventCodec;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.SequenceCounter;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.util.TimeSource;
import io.edgewatch.metrics.DetectMetrics;
import io.edgewatch.metrics.HealthChecks;
import io.edgewatch.metrics.IngestMetrics;
import io.edgewatch.metrics.ModelMetrics;
import io.edgewatch.metrics.OpsHttpServer;
import io.edgewatch.metrics.OpsMetrics;
import io.edgewatch.metrics.Progress;
import io.edgewatch.metrics.PublishMetrics;
import io.edgewatch.metrics.ScheduleMetrics;
import io.edgewatch.metrics.ServiceMetrics;
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
import io.edgewatch.schedule.ModelSwap;
import io.edgewatch.schedule.MotionGate;
import io.edgewatch.schedule.RecentFrames;
import io.edgewatch.schedule.SwappableDetector;
import io.edgewatch.snapshot.BlazeFace;
import io.edgewatch.snapshot.FaceBlur;
import io.edgewatch.snapshot.SnapshotMaker;
import io.edgewatch.track.EventStage;
import io.edgewatch.track.TrackerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    /** Frames (one a second at most) a hot-swapped model is tried on. */
    private static final int RECENT_FRAMES = 8;

    private final Shutdown shutdown = new Shutdown();
    private final List<CameraIngest> cameras = new ArrayList<>();
    private final String brokerUrl;
    private final MqttPublisher publisher;
    private final SwappableDetector detector;
    private final RecentFrames recent = new RecentFrames(RECENT_FRAMES, 1_000_000_000L);
    private ModelSwap modelSwap;
    private ModelMetrics modelMetrics;
    private final List<CameraSlot> slots = new ArrayList<>();
    private LiveConfig live;
    private Progress detectProgress;
    private ServiceMetrics serviceMetrics;
    private OpsHttpServer opsServer;

    private Daemon(EdgewatchConfig config, TimeSource time) {
        try {
            String device = config.device().name();
            brokerUrl = startBroker(config);
            detector = new SwappableDetector(new DetectorFactory(time).create(config.model(), config.detect()));
            shutdown.add(Shutdown.Phase.MODEL, "close detector", detector::close);
            log.info("model {} loaded (sha256 {})", detector.serving().modelName(), detector.serving().modelSha256());
            Outbox outbox = openOutbox(config.mqtt(), time);
            SequenceCounter sequences = new SequenceCounter(outbox.lastSequences());
            publisher = newPublisher(config, brokerUrl, time, outbox);
            shutdown.add(Shutdown.Phase.PUBLISH, "flush publisher, offline, disconnect", publisher::close);
            publisher.start();
            EventStage events = new EventStage(config.detect(), TrackerSettings.defaults(),
                    new EventFactory(device, UUID::randomUUID, time, sequences),
                    new DetectionEvent.ModelRef(detector.serving().modelName(), detector.serving().modelSha256()),
                    HomeAssistantSetup.announce(config, publisher.topics(), publisher::retain)
                            .andThen(publisher::publish), config.cameras());
            shutdown.add(Shutdown.Phase.TRACKS, "end open tracks", events::endAll);
            startSnapshots(config.snapshots(), events);
            startCameras(config, time, events);
            startModelSwap(config, time, events);
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
        Outbox outbox = Outbox.open(mqtt.outboxPath(), new OutboxLimits(mqtt.outboxMaxEvents(), mqtt.outboxMaxAge()),
                time);
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
        DetectLoop loop = new DetectLoop(detector, recent, slots, events, time,
                new ComputeBudget(config.budget().inferenceFraction()));
        log.info("detect budget: {} of the detect thread's time", config.budget().inferenceFraction());
        Thread detectThread = new Thread(loop, "detect");
        detectThread.setUncaughtExceptionHandler((t, e) -> log.error("detect thread died", e));
        shutdown.add(Shutdown.Phase.INGEST, "stop ingest", () -> cameras.forEach(CameraIngest::close));
        shutdown.add(Shutdown.Phase.DETECT, "stop detect loop", () -> {
            loop.stop();
            detectThread.join(5_000);
        });
        cameras.forEach(CameraIngest::start);
        detectThread.start();
    }

    /** Hot-swap on reload: trials on recent frames; the switch tells events and metrics on the detect thread. */
    private void startModelSwap(EdgewatchConfig config, TimeSource time, EventStage events) {
        modelSwap = new ModelSwap(detector, recent, new DetectorFactory(time), new ModelTrial(time), config.model(),
                () -> slots.stream().mapToDouble(CameraSlot::detectFps).sum(), config.budget().inferenceFraction());
        modelMetrics = new ModelMetrics(detector.serving(), modelSwap, time);
        detector.onSwitch(d -> {
            events.setModel(new DetectionEvent.ModelRef(d.modelName(), d.modelSha256()));
            modelMetrics.switched(d);
        });
    }

    /** Metrics registry, health checks and the HTTP endpoint; the detect loop counts as live while it iterates. */
    private void startOps(EdgewatchConfig config, TimeSource time) {
        LoopLiveness liveness = new LoopLiveness(slots);
        detectProgress = new Progress(liveness::steps, time, liveness.window());
        serviceMetrics = new ServiceMetrics(detectProgress);
        if (!config.metrics().enabled()) {
            return;
        }
        OpsMetrics metrics = new OpsMetrics(List.of(new IngestMetrics(cameras), new ScheduleMetrics(slots),
                new DetectMetrics(detector.serving().modelName(), detector.serving().inferenceTiming(),
                        detector.serving().preprocessTiming(), time),
                new PublishMetrics(publisher), serviceMetrics, modelMetrics));
        shutdown.add(Shutdown.Phase.BROKER, "close metrics registry", metrics::close);
        HealthChecks health = new HealthChecks(detectProgress, cameras, publisher::stats);
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
        return detector.serving();
    }

    /** Model hot-swap: trial counts by result (tests, diagnostics). */
    public ModelSwap modelSwap() {
        return modelSwap;
    }

    /** Per-camera detect slots (detected and skipped counters), for metrics and `edgewatch bench`. */
    public List<CameraSlot> slots() {
        return List.copyOf(slots);
    }

    /** True while the detect loop made progress within the liveness window (for the systemd watchdog). */
    public boolean progressing() {
        return detectProgress.progressing();
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
        reloadModel(next);
        List<String> restart = live.apply(next);
        serviceMetrics.countReload(ServiceMetrics.ReloadResult.APPLIED);
        return restart;
    }

    /** Hot-swaps the model if {@code model.*} or the model file changed (tried first, see {@link ModelSwap}). */
    public void reloadModel(EdgewatchConfig next) {
        modelSwap.reload(next.model(), next.detect());
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
