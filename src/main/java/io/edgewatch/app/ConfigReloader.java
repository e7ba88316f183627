package io.edgewatch.app;

import io.edgewatch.config.ConfigError;
import io.edgewatch.config.ConfigException;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.metrics.ServiceMetrics.ReloadResult;
import io.edgewatch.detect.Detector;
import io.edgewatch.util.Supervisor;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Re-reads the config file on SIGHUP ({@code systemctl reload}) or when the file changes ({@link ConfigFileWatch}),
 * on its own thread "config-reload". An invalid file is rejected with every error logged and the running config
 * kept; a valid one goes to {@link Daemon#reload}. Triggers arriving during a reload coalesce into one more pass,
 * which reads the newest file anyway. The thread is supervised: a reload that throws something unexpected is
 * logged and counted as a restart of {@code config-reload}, and the thread takes triggers again after a backoff.
 *
 * <p>With file watching on, a replaced model file (same {@code model.path}) is tried for a hot-swap too, on this
 * thread, once it has stopped changing and only if its content differs ({@link ModelFileCheck}).
 *
 * <p>SIGHUP uses {@code sun.misc.Signal} (module jdk.unsupported): the JDK has no supported signal API, and this
 * one has been stable since Java 1.4. Without our handler the JVM treats SIGHUP as a shutdown request.
 */
public final class ConfigReloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);
    private static final Object TRIGGER = new Object();

    /** Loads and validates a config file. */
    @FunctionalInterface
    public interface Source {
        EdgewatchConfig load(Path file) throws ConfigException;
    }

    /** What a reload acts on: the running daemon (an interface so the thread can be tested on its own). */
    interface Target {
        EdgewatchConfig config();

        /** The serving model (its sha256 tells whether a replaced file is new). */
        Detector detector();

        /** The file behind the serving model: {@code model.path}, or the variant {@code auto} chose. */
        Path modelFile();

        void reloadModel(EdgewatchConfig next);

        List<String> reload(EdgewatchConfig next);

        ReloadResult lastReloadResult();

        void countReload(ReloadResult result, String error);
    }

    private final Path file;
    private final Source source;
    private final Target daemon;
    /** Wakes the thread; the flags say what for. */
    private final BlockingQueue<Object> pending = new ArrayBlockingQueue<>(1);
    private final AtomicBoolean configPending = new AtomicBoolean();
    private final AtomicBoolean modelPending = new AtomicBoolean();
    private final TimeSource time;
    private final ModelFileCheck modelFile;
    private final Supervisor supervisor;
    private final Thread thread;
    private SignalHandler previousHup;
    private volatile ConfigFileWatch watch;
    private volatile boolean closed;
    /** Errors of the last rejected file, so the same errors are not logged in full again. */
    private List<String> lastRejected = List.of();

    public ConfigReloader(Path file, Source source, Daemon daemon, TimeSource time) {
        this(file, source, (Target) daemon, time);
    }

    ConfigReloader(Path file, Source source, Target daemon, TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
        this.modelFile = new ModelFileCheck(time);
        this.file = Objects.requireNonNull(file, "file");
        this.source = Objects.requireNonNull(source, "source");
        this.daemon = Objects.requireNonNull(daemon, "daemon");
        this.supervisor = Supervisor.of("config-reload", this::run, time);
        this.thread = new Thread(supervisor, "config-reload");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> log.error("config reload thread died", e));
    }

    /** Starts the reload thread; {@code onSighup} and {@code watchFile} choose the triggers. */
    public ConfigReloader start(boolean onSighup, boolean watchFile) {
        thread.start();
        if (onSighup) {
            try {
                previousHup = Signal.handle(new Signal("HUP"), sig -> trigger("SIGHUP"));
            } catch (IllegalArgumentException e) {
                log.warn("cannot handle SIGHUP ({}); reload by editing the file instead", e.getMessage());
            }
        }
        if (watchFile) {
            watch = ConfigFileWatch.start(file, time, () -> trigger("file changed"), this::modelFileChanged);
            followModel();
        }
        return this;
    }

    /** Restarts of the reload thread; failed once it kept failing past the bound. */
    public Supervisor supervisor() {
        return supervisor;
    }

    /** Asks for a reload; never blocks (a pending one already covers it). */
    public void trigger(String why) {
        if (!closed && !configPending.getAndSet(true)) {
            log.info("config reload requested ({})", why);
            pending.offer(TRIGGER);
        }
    }

    /** The watched model file was written or replaced: check it on the reload thread. */
    private void modelFileChanged() {
        if (!closed && !modelPending.getAndSet(true)) {
            pending.offer(TRIGGER);
        }
    }

    private void run() {
        try {
            while (!closed) {
                pending.take();
                if (!closed && configPending.getAndSet(false)) {
                    reload();
                }
                if (!closed && modelPending.getAndSet(false)) {
                    tryModelFile();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hot-swap trial of a replaced model file, once it is complete and if its content is new. */
    private void tryModelFile() throws InterruptedException {
        Path model = daemon.modelFile();
        if (!modelFile.awaitStable(model)) {
            log.debug("model file {} missing or still changing; waiting for its next change", model);
            return;
        }
        synchronized (this) {
            model = daemon.modelFile(); // a reload may have moved on meanwhile
            if (modelFile.worthTrying(model, daemon.detector().modelSha256()) != null) {
                log.info("model file {} changed, trying it", model);
                daemon.reloadModel(daemon.config());
            }
        }
    }

    /** Points the file watch at the model the running config names. */
    private void followModel() {
        ConfigFileWatch w = watch;
        if (w != null) {
            w.follow(daemon.modelFile());
        }
    }

    /** Reads, validates and applies the file now, on the caller's thread. */
    public synchronized ReloadResult reload() {
        EdgewatchConfig next;
        try {
            next = source.load(file);
        } catch (ConfigException e) {
            List<ConfigError> errors = e.errors();
            List<String> lines = errors.stream().map(ConfigError::format).toList();
            if (lines.equals(lastRejected)) {   // the same broken file saved or signalled again: say so briefly
                log.warn("config reload rejected again: {} unchanged, still {} error(s)", file, errors.size());
            } else {
                log.error("config reload rejected, keeping the running configuration; {} error(s) in {}:",
                        errors.size(), file);
                lines.forEach(line -> log.error("  {}", line));
            }
            lastRejected = lines;
            daemon.countReload(ReloadResult.REJECTED, errors.isEmpty() ? String.valueOf(e.getMessage())
                    : errors.size() + " error(s), first: " + errors.get(0).format());
            return ReloadResult.REJECTED;
        }
        lastRejected = List.of();
        if (next.equals(daemon.config())) {
            log.info("config reload: {} unchanged", file);
            daemon.reloadModel(next); // the model file itself may have changed
            daemon.countReload(ReloadResult.UNCHANGED, null);
            return ReloadResult.UNCHANGED;
        }
        List<String> restart = daemon.reload(next);
        followModel();
        if (daemon.lastReloadResult() == ReloadResult.FAILED) {
            log.warn("config reload from {} applied only in part (see the errors above; /ready config_reload)", file);
            return ReloadResult.FAILED;
        }
        log.info("config reload applied from {}", file);
        if (!restart.isEmpty()) {
            log.warn("config reload: changes to {} need a restart (systemctl restart edgewatch)", restart);
        }
        return ReloadResult.APPLIED;
    }

    @Override
    public void close() {
        closed = true;
        supervisor.stop();
        if (previousHup != null) {
            Signal.handle(new Signal("HUP"), previousHup);
        }
        if (watch != null) {
            watch.close();
        }
        thread.interrupt();
    }
}
