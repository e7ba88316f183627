package io.edgewatch.util;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a long-lived task on the current thread and runs it again, after a backoff pause, when it ends with an
 * unexpected exception; a normal return (the task was stopped) or {@link #stop()} ends supervision. Restarts are
 * counted. Failures less than {@code stableAfter} apart form one streak; a streak longer than {@code giveUpAfter},
 * or an {@link Error}, marks the supervisor failed and ends it, so /health turns DOWN and the systemd watchdog
 * stops being fed: a restart of the process is then the better cure.
 */
public final class Supervisor implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    private static final long NONE = Long.MIN_VALUE;

    private final String name;
    private final Runnable task;
    private final TimeSource time;
    private final Backoff backoff;
    private final long stableNanos;
    private final long giveUpNanos;
    private final RateLimitedLog errors;
    private final AtomicLong restarts = new AtomicLong();
    private volatile boolean stopped;
    private volatile boolean failed;
    private long streakStart = NONE;
    private long lastFailure = NONE;

    /**
     * @param name        what is supervised, e.g. {@code detect} (the {@code thread} tag of the restarts metric)
     * @param stableAfter a run this long without a failure ends the failure streak
     * @param giveUpAfter a failure streak longer than this marks the supervisor failed
     */
    public Supervisor(String name, Runnable task, TimeSource time, Backoff backoff, Duration stableAfter,
                      Duration giveUpAfter) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.task = Objects.requireNonNull(task, "task must not be null");
        this.time = Objects.requireNonNull(time, "time must not be null");
        this.backoff = Objects.requireNonNull(backoff, "backoff must not be null");
        this.stableNanos = positive(stableAfter, "stableAfter").toNanos();
        this.giveUpNanos = positive(giveUpAfter, "giveUpAfter").toNanos();
        this.errors = new RateLimitedLog(LOG, Duration.ofMinutes(1), time);
    }

    /** Defaults for a daemon thread: 1 s to 30 s backoff, 5 min to recover, 10 min quiet ends a streak. */
    public static Supervisor of(String name, Runnable task, TimeSource time) {
        return new Supervisor(name, task, time, new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
                Math::random), Duration.ofMinutes(10), Duration.ofMinutes(5));
    }

    @Override
    public void run() {
        boolean clean = false;
        try {
            clean = supervise();
        } finally {
            if (!clean && !stopped) {
                failed = true;   // an Error escaped: nothing here can be trusted to recover
                LOG.error("{} stopped for good after an unrecoverable error", name);
            }
        }
    }

    /** @return true if supervision ended normally (stopped, or the task returned, or gave up deliberately) */
    private boolean supervise() {
        while (!stopped) {
            try {
                task.run();
                return true;
            } catch (RuntimeException e) {
                if (stopped) {
                    return true;
                }
                if (!failedOnce(e)) {
                    return true;
                }
                try {
                    time.sleepNanos(backoff.nextDelayNanos());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            }
        }
        return true;
    }

    /** Counts a failure. @return false if the streak lasted too long (now failed) */
    private boolean failedOnce(RuntimeException e) {
        long now = time.nanos();
        if (lastFailure == NONE || now - lastFailure > stableNanos) {
            streakStart = now;
            backoff.reset();
        }
        lastFailure = now;
        if (now - streakStart > giveUpNanos) {
            failed = true;
            LOG.error("{} kept failing for {} s, giving up (health DOWN, watchdog stops): {}", name,
                    (now - streakStart) / 1_000_000_000L, String.valueOf(e), e);
            return false;
        }
        restarts.incrementAndGet();
        LOG.debug("{} failed", name, e);
        errors.warn("restart", "{} failed, restarting it: {}", name, String.valueOf(e));
        return true;
    }

    /** No restart after this; the caller stops the task itself. */
    public void stop() {
        stopped = true;
    }

    public String name() {
        return name;
    }

    /** Times the task was started again after a failure. */
    public long restarts() {
        return restarts.get();
    }

    /** True once the task could not recover within the bound (it is no longer running). */
    public boolean failed() {
        return failed;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }
}
