package io.edgewatch.app;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ordered shutdown: steps run by phase (stop ingest → drain detection → end tracks → flush publisher, offline,
 * disconnect → release model → stop broker), whatever order they were registered in as parts started, each once;
 * a failing step is logged and the rest still run.
 */
final class Shutdown {
    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    /** Phases in the order they run. */
    enum Phase { INGEST, DETECT, TRACKS, PUBLISH, MODEL, BROKER }

    private record Named(Phase phase, String name, Step step) {}

    private final List<Named> steps = new ArrayList<>();
    private boolean done;

    synchronized void add(Phase phase, String name, Step step) {
        steps.add(new Named(phase, name, step));
    }

    /** Runs every step once; later calls do nothing. */
    synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        steps.sort(java.util.Comparator.comparing(Named::phase));
        for (Named s : steps) {
            long start = System.nanoTime();
            try {
                s.step().run();
                log.debug("shutdown: {} done in {} ms", s.name(), (System.nanoTime() - start) / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("shutdown: {} interrupted", s.name());
            } catch (Exception e) {
                log.warn("shutdown: {} failed: {}", s.name(), e.toString());
            }
        }
    }
}
