package io.edgewatch.cli;

import io.edgewatch.app.Daemon;
import io.edgewatch.app.LogLevels;
import io.edgewatch.app.NativeLibraries;
import io.edgewatch.app.Service;
import io.edgewatch.config.ConfigException;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.util.TimeSource;
import io.edgewatch.publish.EventSubscriber;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the daemon until SIGTERM / Ctrl-C (or the optional event/time limits, for demos and tests). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the daemon: decode the configured cameras, detect, track and publish events over MQTT.",
                "Without mqtt.url in the config an embedded broker is started on 127.0.0.1."})
final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);
    /** How long a stop signal received during start-up waits for the start to finish. */
    private static final long START_BOUND_SECONDS = 120;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/edgewatch.yaml",
            description = "YAML configuration file (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--print-events", description = "Subscribe to the broker and print every message received.")
    boolean printEvents;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "0",
            description = "With --print-events: stop after N event messages (0 = never).")
    long maxEvents;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this many seconds (0 = run until stopped).")
    long durationSeconds;

    @Option(names = "--no-watch-config", description = "Reload the config on SIGHUP only, not when it or the model file changes.")
    boolean noWatchConfig;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        EdgewatchConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        PortCheck.listenPortsFree(cfg);
        LogLevels.setRoot(cfg.logging().level());
        Optional<String> natives = NativeLibraries.check();
        if (natives.isPresent()) {
            System.err.println(natives.get());
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // The hook is in place before anything starts: a SIGTERM during start-up (model load, first connect) waits
        // for the start to finish and then stops in order, so events replayed from the outbox are not cut off.
        CompletableFuture<Service> running = new CompletableFuture<>();
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                running.get(START_BOUND_SECONDS, TimeUnit.SECONDS).close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException startFailed) {
                // The failed start already stopped what it had started. Said here, not by the main thread: the JVM
                // halts as soon as this hook returns, before main gets to log anything.
                log.info("stopped during start-up");
                log.debug("start-up cut short by the stop", startFailed.getCause());
            } catch (TimeoutException e) {
                log.warn("start-up still running after {} s, stopping without an orderly shutdown",
                        START_BOUND_SECONDS);
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Service service;
        try {
            service = Service.start(cfg, new Service.Options(config, ConfigLoader::load, true, !noWatchConfig,
                    System.getenv(), ProcessHandle.current().pid()), TimeSource.system());
        } catch (RuntimeException e) {
            running.completeExceptionally(e);   // the daemon stopped what it had started, publisher flushed
            if (stop.getCount() == 0) {
                // ONNX Runtime releases its environment in a shutdown hook of its own: a model still loading fails.
                // The hook reports the stop.
                return 0;
            }
            throw e;
        }
        running.complete(service);
        Daemon daemon = service.daemon();
        log.info("started in {} ms: {} camera(s), events to {}{}{}", (System.nanoTime() - started) / 1_000_000,
                daemon.cameras().size(), daemon.brokerUrl(),
                daemon.opsPort() < 0 ? "" : ", metrics on port " + daemon.opsPort(),
                service.underSystemd() ? ", systemd notified" : "");
        try (EventSubscriber sub = printEvents ? subscribe(cfg, daemon, stop) : null) {
            if (durationSeconds > 0) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the hook closes the daemon
        }
        service.close();
        return 0;
    }

    private EventSubscriber subscribe(EdgewatchConfig cfg, Daemon daemon, CountDownLatch stop) throws Exception {
        AtomicLong events = new AtomicLong();
        EventSubscriber sub = EventSubscriber.allTopics(cfg.mqtt(), daemon.brokerUrl(),
                "edgewatch-print-" + ProcessHandle.current().pid(), m -> {
                    System.out.println(m.topic() + " " + m.payload());
                    if (m.topic().endsWith("/events") && maxEvents > 0 && events.incrementAndGet() >= maxEvents) {
                        stop.countDown();
                    }
                });
        sub.start(10_000);
        return sub;
    }
}
