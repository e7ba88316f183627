package io.edgewatch.app;

import io.edgewatch.util.TimeSource;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back when the config file, or the model file it names ({@link #follow}), is written, created or replaced
 * (editors save and model tools publish via rename), on the one thread "config-watch". Watches the directories,
 * since a watch on a replaced file would be lost; a burst of events within {@link #SETTLE_MS} (write, truncate,
 * write again, a long copy) makes one callback per file after the writer is done.
 */
final class ConfigFileWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigFileWatch.class);
    static final long SETTLE_MS = 300;

    private final WatchService watcher;
    private final TimeSource time;
    private final Path config;
    private final Runnable onConfig;
    private final Runnable onModel;
    private final Thread thread;
    private volatile Path model;
    /** The model's directory key when it is not the config's own directory. */
    private WatchKey modelKey;

    private ConfigFileWatch(WatchService watcher, TimeSource time, Path config, Runnable onConfig, Runnable onModel) {
        this.watcher = watcher;
        this.time = time;
        this.config = config;
        this.onConfig = onConfig;
        this.onModel = onModel;
        this.thread = new Thread(this::run, "config-watch");
        thread.setDaemon(true);
    }

    /** Starts watching the config file, or logs why not and returns null (SIGHUP still works). */
    static ConfigFileWatch start(Path file, TimeSource time, Runnable onConfig, Runnable onModel) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            WatchService w = FileSystems.getDefault().newWatchService();
            register(w, abs.getParent());
            ConfigFileWatch watch = new ConfigFileWatch(w, time, abs, onConfig, onModel);
            watch.thread.start();
            return watch;
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("cannot watch {} for changes ({}); reload with SIGHUP instead", abs, e.toString());
            return null;
        }
    }

    private static WatchKey register(WatchService w, Path dir) throws IOException {
        return dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /** Watches this model file from now on (after a reload may have changed {@code model.path}). */
    synchronized void follow(Path modelFile) {
        Path abs = modelFile.toAbsolutePath().normalize();
        if (abs.equals(model)) {
            return;
        }
        if (modelKey != null) {
            modelKey.cancel();
            modelKey = null;
        }
        model = abs;
        Path dir = abs.getParent();
        if (dir == null || dir.equals(config.getParent())) {
            return; // registered already
        }
        try {
            modelKey = register(watcher, dir);
        } catch (IOException | ClosedWatchServiceException e) {
            log.warn("cannot watch model file {} for changes ({}); reload to hot-swap it", abs, e.toString());
        }
    }

    private void run() {
        try {
            while (true) {
                Hits hits = new Hits();
                hits.add(watcher.take());
                if (hits.configHit || hits.modelHit) {
                    settle(hits);
                    if (hits.configHit) {
                        onConfig.run();
                    }
                    if (hits.modelHit) {
                        onModel.run();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException closed) {
            // close() was called
        }
    }

    /**
     * Collects further events until the watched files have been quiet for SETTLE_MS; other files in the same
     * directories (an outbox beside the model, say) do not hold it up.
     */
    private void settle(Hits hits) throws InterruptedException {
        long quietUntil = time.nanos() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        long left;
        while ((left = quietUntil - time.nanos()) > 0) {
            WatchKey more = watcher.poll(left, TimeUnit.NANOSECONDS);
            if (more != null && hits.add(more)) {
                quietUntil = time.nanos() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
            }
        }
    }

    /** Which watched files a batch of events touched. */
    private final class Hits {
        boolean configHit;
        boolean modelHit;

        /** True if the key had an event for a watched file. */
        boolean add(WatchKey key) {
            boolean any = false;
            Path dir = (Path) key.watchable();
            Path followed = ConfigFileWatch.this.model;
            for (WatchEvent<?> e : key.pollEvents()) {
                boolean overflow = e.kind() == StandardWatchEventKinds.OVERFLOW;
                Path changed = overflow ? null : dir.resolve((Path) e.context());
                boolean c = overflow || config.equals(changed);
                boolean m = followed != null && (overflow || followed.equals(changed));
                configHit |= c;
                modelHit |= m;
                any |= c || m;
            }
            key.reset();
            return any;
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the config watch failed: {}", e.toString());
        }
        thread.interrupt();
    }
}
