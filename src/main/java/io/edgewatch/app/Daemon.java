package io.edgewatch.app;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.detect.Detector;
import io.edgewatch.event.DetectionEvent;
import io.edgewatch.event.EventFactory;
import io.edgewatch.event.SequenceCounter;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.util.Supervisor;
import io.edgewatch.metrics.DeliveryCheck;
import io.edgewatch.metrics.DetectMetrics;
import io.edgewatch.metrics.EventMetrics;
import io.edgewatch.metrics.HealthChecks;
import io.edgewatch.metrics.Progress;
import io.edgewatch.metrics.MeterBindings;
import io.edgewatch.metrics.OpsMetrics;
import io.edgewatch.metrics.ServiceMetrics;
import io.edgewatch.metrics.ServiceMetrics.ReloadResult;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.schedule.CameraSlot;
import io.edgewatch.schedule.ComputeBudget;
import io.edgewatch.schedule.DetectLoop;
import io.edgewatch.schedule.LoopLiveness;
import io.edgewatch.schedule.ModelSwap;
import io.edgewatch.track.EventStage;
import io.edgewatch.track.TrackerSettings;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.opencv.global.opencv_core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: broker (embedded unless configured), publisher, detector, one ingest thread per camera and
 * the shared detect loop, wired by constructors. {@link #reload} applies a new configuration as the smallest
 * change ({@link LiveConfig}); {@link #close()} stops everything in pipeline order.
 */
public final class Daemon implements AutoCloseable, ConfigReloader.Target {
    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    /** The detect thread's parts a reload reaches into. */
    record Pipeline(EventStage events, DetectLoop loop, ComputeBudget budget) {}

    /** Events waiting on a live connection with no delivery for this long: wedged, let systemd restart us. */
    private static final Duration DELIVERY_BOUND = Duration.ofMinutes(5);

    private final Shutdown shutdown = new Shutdown();
    /** Threads supervised for the whole run; the publisher's and snapshot worker's are added by {@link #supervisors}. */
    private final List<Supervisor> supervisors = new CopyOnWriteArrayList<>();
    private DeliveryCheck delivery;
    private final PublishSide publish;
    private final ModelSide model;
    private final EventMetrics eventMetrics = new EventMetrics();
    private CameraSet cameras;
    private Progress detectProgress;
    private ReloadStatus reloads;
    private OpsEndpoint ops;
    private LiveConfig live;
    private Snapshots snapshots;

    private Daemon(EdgewatchConfig config, TimeSource time) {
        // OpenCV's pool adds a worker per core that spins between calls: 3.8 ms of CPU per frame at one camera
        // for nothing (docs/benchmarks.md). Cameras and ONNX Runtime give the parallelism; process-wide, idempotent.
        opencv_core.setNumThreads(1);
        try {
            publish = new PublishSide(config, time, eventMetrics);
            shutdown.add(Shutdown.Phase.PUBLISH, "flush publisher, offline, disconnect", publish::closePublisher);
            shutdown.add(Shutdown.Phase.BROKER, "stop embedded broker", publish::stopBroker);
            model = new ModelSide(config, time);
            shutdown.add(Shutdown.Phase.MODEL, "close detector", model::close);
            SequenceCounter sequences = new SequenceCounter(publish.outbox().lastSequences());
            EventStage events = new EventStage(config.detect(), TrackerSettings.defaults(),
                    new EventFactory(config.device().name(), UUID::randomUUID, time, sequences),
                    new DetectionEvent.ModelRef(model.serving().modelName(), model.serving().modelSha256()),
                    publish.sink(),
                    config.cameras().stream().filter(CameraConfig::enabled).toList());
            shutdown.add(Shutdown.Phase.TRACKS, "end open tracks", events::endAll);
            snapshots = new Snapshots(events, time);
            shutdown.add(Shutdown.Phase.MODEL, "close face model", snapshots::close);
            snapshots.start(config.snapshots(), publish.publisher());
            cameras = new CameraSet(time);
            cameras.create(config.cameras());
            model.startSwap(config, () -> cameras.slots().stream().mapToDouble(CameraSlot::detectFps).sum(),
                    d -> events.setModel(new DetectionEvent.ModelRef(d.modelName(), d.modelSha256())));
            MeterBindings meters = startOps(time);
            cameras.bindMeters(meters);
            Pipeline pipeline = startCameras(config, time, events);
            ops.bind(config.metrics());
            live = new LiveConfig(config, new LiveConfig.Parts(pipeline, cameras, publish, snapshots, ops, meters));
            shutdown.add(Shutdown.Phase.INGEST, "stop model selection", model::stopSelection);
            model.startAutoSelection(config);
        } catch (RuntimeException e) {
            shutdown.run();
            throw e;
        }
    }

    /** Registry, health checks and reload status; the endpoint opens once the cameras exist. */
    private MeterBindings startOps(TimeSource time) {
        // The window is sized for the cameras at start; a reload that adds a very slow camera keeps it.
        LoopLiveness liveness = new LoopLiveness(() -> cameras.slots());
        detectProgress = new Progress(liveness::steps, time, liveness.window());
        ServiceMetrics service = new ServiceMetrics(detectProgress);
        reloads = new ReloadStatus(time, service);
        delivery = new DeliveryCheck(() -> publish.publisher().stats(), time, DELIVERY_BOUND);
        HealthChecks health = new HealthChecks(detectProgress, () -> cameras.ingests(),
                () -> publish.publisher().stats(), reloads::json, this::supervisors, delivery);
        ops = new OpsEndpoint(new OpsMetrics(List.of(eventMetrics, new DetectMetrics(model.serving().modelName(),
                model.serving().inferenceTiming(), model.serving().preprocessTiming(), time), service,
                model.metrics())), health, time);
        supervisors.add(ops.supervisor());
        shutdown.add(Shutdown.Phase.INGEST, "stop metrics endpoint", ops::close);
        MeterBindings meters = ops.bindings();
        meters.bindPublisher(publish.publisher());
        return meters;
    }

    private Pipeline startCameras(EdgewatchConfig config, TimeSource time, EventStage events) {
        ComputeBudget budget = new ComputeBudget(config.budget().inferenceFraction());
        DetectLoop loop = new DetectLoop(model.detector(), model.recent(), cameras.slots(), events, time, budget, cameras.arrivals());
        log.info("detect budget: {} of the detect thread's time", config.budget().inferenceFraction());
        // A detector or tracker exception restarts the loop (counted); cameras reconnect on their own.
        Supervisor detectSupervisor = Supervisor.of("detect", loop, time);
        supervisors.add(detectSupervisor);
        Thread detectThread = new Thread(detectSupervisor, "detect");
        detectThread.setUncaughtExceptionHandler((t, e) -> log.error("detect thread died", e));
        shutdown.add(Shutdown.Phase.INGEST, "stop ingest", cameras::close);
        shutdown.add(Shutdown.Phase.DETECT, "stop detect loop", () -> {
            detectSupervisor.stop();
            loop.stop();
            detectThread.join(5_000);
        });
        cameras.startAll();
        detectThread.start();
        rebindThreads();
        return new Pipeline(events, loop, budget);
    }

    /** Builds and starts everything; on a failure part-way, what was started is stopped again. */
    public static Daemon start(EdgewatchConfig config, TimeSource time) {
        return new Daemon(config, time);
    }

    /** The broker the events go to now, e.g. tcp://127.0.0.1:1883. */
    public String brokerUrl() {
        return publish.brokerUrl();
    }

    /** The running cameras' ingests (a reload adds, removes and restarts them). */
    public List<CameraIngest> cameras() {
        return cameras.ingests();
    }

    /** The current publisher (a reload of {@code mqtt} replaces it). */
    public MqttPublisher publisher() {
        return publish.publisher();
    }

    /** The loaded detector (model name, sha256, inference and preprocess timings). */
    public Detector detector() {
        return model.serving();
    }

    /** Model hot-swap: trial counts by result (tests, diagnostics). */
    public ModelSwap modelSwap() {
        return model.swap();
    }

    /** Per-camera detect slots (detected and skipped counters), for metrics and `edgewatch bench`. */
    public List<CameraSlot> slots() {
        return cameras.slots();
    }

    /**
     * For the systemd watchdog: the detect loop made progress within the liveness window, no supervised thread gave
     * up and delivery is not wedged (events waiting on a live connection, none delivered within the bound).
     */
    public boolean progressing() {
        boolean threadsOk = supervisors().stream().noneMatch(Supervisor::failed);
        return detectProgress.progressing() && threadsOk && !delivery.stalled();
    }

    /**
     * The supervised threads: detect loop, metrics endpoint, config reloader (once {@link #supervise}d), publisher
     * and snapshot worker (camera ingest reconnects by itself).
     */
    public List<Supervisor> supervisors() {
        List<Supervisor> all = new ArrayList<>(supervisors);
        all.add(publish.publisher().supervisor()); // the current ones: a reload replaces publisher and worker
        if (snapshots != null) {
            snapshots.supervisor().ifPresent(all::add);
        }
        return all;
    }

    /** Adds a thread started beside the daemon (the config reloader) to health, watchdog and metrics. */
    public void supervise(Supervisor s) {
        supervisors.add(s);
        rebindThreads();
    }

    /** Restart counters follow the current supervisors (a reload may have replaced some). */
    private void rebindThreads() {
        ops.bindings().bindThreads(supervisors());
    }

    /** Port of /metrics, /health and /ready, or -1 when metrics.enabled is false. */
    public int opsPort() {
        return ops.port();
    }

    /** The file behind the serving model: {@code model.path}, or the variant {@code auto} chose. */
    @Override
    public Path modelFile() {
        return model.modelFile(live.current());
    }

    /** The configuration in force (the start one plus what live reloads applied). */
    @Override
    public EdgewatchConfig config() {
        return live.current();
    }

    /**
     * Applies a new valid configuration as the smallest change; returns the restart-only keys that differ from
     * the running ones. A part that cannot be applied is logged, and the reload counted as failed.
     */
    @Override
    public synchronized List<String> reload(EdgewatchConfig next) {
        reloadModel(next);
        try {
            List<String> restart = live.apply(next);
            reloads.record(ReloadResult.APPLIED, null, restart);
            return restart;
        } catch (LiveConfig.PartFailed e) {
            List<String> restart = LiveConfig.restartNeeded(live.started(), next);
            reloads.record(ReloadResult.FAILED, e.getMessage(), restart);
            return restart;
        } finally {
            rebindThreads(); // an mqtt or snapshots reload replaced a supervised thread
        }
    }

    /** Outcome of the last reload, null before the first. */
    @Override
    public ReloadResult lastReloadResult() {
        return reloads.lastResult();
    }

    /** Records a reload that was rejected (with the errors) or found nothing to change. */
    @Override
    public void countReload(ReloadResult result, String error) {
        reloads.record(result, error, LiveConfig.restartNeeded(live.started(), live.current()));
    }

    /** Hot-swaps the model if {@code model.*} or the model file changed (tried first, see {@link ModelSwap}). */
    @Override
    public void reloadModel(EdgewatchConfig next) {
        model.reload(next);
    }

    @Override
    public void close() {
        log.info("stopping");
        shutdown.run();
        log.info("stopped");
    }
}
