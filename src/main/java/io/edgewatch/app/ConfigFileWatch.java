package io.edgewatch.app;

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
 * Calls back when the config file is written, created or replaced (editors save via rename), on the thread
 * "config-watch". Watches the directory, since a watch on a replaced file would be lost; a burst of events within
 * {@link #SETTLE_MS} (write, truncate, write again) makes one callback after the writer is done.
 */
final class ConfigFileWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigFileWatch.class);
    static final long SETTLE_MS = 300;

    private final WatchService watcher;
    private final Path name;
    private final Runnable onChange;
    private final Thread thread;

    private ConfigFileWatch(WatchService watcher, Path name, Runnable onChange) {
        this.watcher = watcher;
        this.name = name;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "config-watch");
        thread.setDaemon(true);
    }

    /** Starts watching, or logs why not and returns null (SIGHUP still works). */
    static ConfigFileWatch start(Path file, Runnable onChange) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            WatchService w = FileSystems.getDefault().newWatchService();
            abs.getParent().register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            ConfigFileWatch watch = new ConfigFileWatch(w, abs.getFileName(), onChange);
            watch.thread.start();
            return watch;
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("cannot watch {} for changes ({}); reload with SIGHUP instead", abs, e.toString());
            return null;
        }
    }

    private void run() {
        try {
            while (true) {
                if (matches(watcher.take())) {
                    settle();
                    onChange.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException closed) {
            // close() was called
        }
    }

    /** Swallows further events until the directory has been quiet for SETTLE_MS. */
    private void settle() throws InterruptedException {
        WatchKey more;
        while ((more = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
            more.pollEvents();
            more.reset();
        }
    }

    private boolean matches(WatchKey key) {
        boolean hit = false;
        for (WatchEvent<?> e : key.pollEvents()) {
            hit |= e.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(e.context());
        }
        key.reset();
        return hit;
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
