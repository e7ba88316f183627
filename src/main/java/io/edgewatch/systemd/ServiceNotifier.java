package io.edgewatch.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's side of {@code Type=notify}: READY=1 once started, WATCHDOG=1 every half {@code WatchdogSec} but
 * only while {@code healthy} says the pipelines make progress (so systemd restarts a hung daemon), STOPPING=1 when
 * shutdown begins. Without NOTIFY_SOCKET (not under systemd) every call is a no-op. Send failures are logged, never
 * thrown: a missing service manager must not stop the daemon.
 */
public final class ServiceNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceNotifier.class);

    private final Optional<Notifier> notifier;
    private final Duration watchdogInterval;
    private Thread watchdog;
    private volatile boolean stopped;
    private boolean warnedStall;

    /** @param watchdogTimeout systemd's WatchdogSec, or null when the watchdog is off */
    public ServiceNotifier(Optional<Notifier> notifier, Duration watchdogTimeout) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.watchdogInterval = watchdogTimeout == null ? null : watchdogTimeout.dividedBy(2);
    }

    /** From NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID as systemd sets them. */
    public static ServiceNotifier fromEnvironment(Map<String, String> env, long pid) {
        Optional<Notifier> n = SdNotify.fromEnvironment(env).map(s -> s);
        return new ServiceNotifier(n, watchdogTimeout(env, pid));
    }

    static Duration watchdogTimeout(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        String forPid = env.get("WATCHDOG_PID");
        if (usec == null || usec.isBlank() || (forPid != null && !forPid.isBlank() && !forPid.equals(Long.toString(pid)))) {
            return null;
        }
        long micros = Long.parseLong(usec.trim());
        return micros > 0 ? Duration.ofNanos(micros * 1000) : null;
    }

    public boolean active() {
        return notifier.isPresent();
    }

    /** READY=1 and, if systemd asked for a watchdog, the pinging thread. */
    public synchronized void ready(BooleanSupplier healthy) {
        send("READY=1\nSTATUS=running");
        if (notifier.isPresent() && watchdogInterval != null && watchdog == null) {
            watchdog = new Thread(() -> pingWhileHealthy(healthy), "systemd-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            log.info("systemd watchdog: pinging every {} ms while the pipelines make progress",
                    watchdogInterval.toMillis());
        }
    }

    private void pingWhileHealthy(BooleanSupplier healthy) {
        try {
            while (!stopped) {
                if (healthy.getAsBoolean()) {
                    send("WATCHDOG=1");
                    warnedStall = false;
                } else if (!warnedStall) {
                    warnedStall = true;
                    log.error("unhealthy (detect loop stalled, a supervised thread gave up or delivery is wedged): "
                            + "withholding the systemd watchdog ping");
                    send("STATUS=unhealthy, see /health");
                }
                Thread.sleep(watchdogInterval.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** STOPPING=1 and no more pings. Idempotent. */
    public synchronized void stopping() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (watchdog != null) {
            watchdog.interrupt();
        }
        send("STOPPING=1");
    }

    private void send(String state) {
        notifier.ifPresent(n -> {
            try {
                n.send(state);
            } catch (RuntimeException e) {
                log.warn("sd_notify {} failed: {}", state.replace('\n', ' '), e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        stopping();
    }
}
