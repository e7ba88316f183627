package io.edgewatch.ingest;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DecodeMode;
import io.edgewatch.config.Redact;
import io.edgewatch.util.Backoff;
import io.edgewatch.util.RateLimitedLog;
import io.edgewatch.util.TimeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's decoder thread ("ingest-&lt;camera&gt;"): opens the source, decodes BGR frames into a
 * {@link LatestFrameMailbox}, paces files to their frame rate (optionally looping) and reconnects live
 * sources with capped, jittered backoff. Every failure stays inside this thread and shows up as
 * {@link #status()} and {@link #stats()}; nothing reconnects after {@link #close()}.
 */
public final class CameraIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraIngest.class);
    private static final int SPARE_BUFFERS = 2;
    /** Margin before a file frame is due at which its decoding starts, on top of twice the last decode time. */
    private static final long DECODE_LEAD_NANOS = 1_000_000L;
    /** The same failure on every reconnect attempt: written once, then one summary line per window. */
    private static final Duration REPEAT_WINDOW = Duration.ofMinutes(1);

    private final CameraConfig camera;
    private final IngestOptions options;
    private final TimeSource time;
    private final FrameSource.Factory sources;
    private final Backoff backoff;
    private final FramePacer pacer;
    private final boolean live;
    private final String safeUrl;
    private final RateLimitedLog failures;
    private final LatestFrameMailbox mailbox;
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>(SPARE_BUFFERS); // decoder thread only
    private final Thread thread;
    private long sequence; // decoder thread only
    private boolean warnedTruncated; // decoder thread only: a looping cut file would warn every pass
    private volatile boolean closed;
    private volatile IngestStatus status;

    private enum Next { RETRY, LOOP, STOP, FAIL }

    private record Outcome(Next next, String reason) {}

    public CameraIngest(CameraConfig camera, TimeSource time) {
        this(camera, IngestOptions.defaults(), time, new DecoderFallback(FfmpegFrameSource::new),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param arrivals signalled whenever this camera's mailbox gets a frame (the detect loop's wake-up) */
    public CameraIngest(CameraConfig camera, TimeSource time, FrameArrivals arrivals) {
        this(camera, IngestOptions.defaults(), time, new DecoderFallback(FfmpegFrameSource::new),
                () -> ThreadLocalRandom.current().nextDouble(), arrivals);
    }

    public CameraIngest(CameraConfig camera, IngestOptions options, TimeSource time, FrameSource.Factory sources,
                        DoubleSupplier random) {
        this(camera, options, time, sources, random, null);
    }

    public CameraIngest(CameraConfig camera, IngestOptions options, TimeSource time, FrameSource.Factory sources,
                        DoubleSupplier random, FrameArrivals arrivals) {
        this.mailbox = new LatestFrameMailbox(arrivals);
        this.camera = Objects.requireNonNull(camera, "camera"); // validated by config
        this.options = Objects.requireNonNull(options, "options");
        this.time = Objects.requireNonNull(time, "time");
        this.sources = Objects.requireNonNull(sources, "sources");
        this.backoff = new Backoff(options.backoffInitial(), options.backoffMax(),
                Objects.requireNonNull(random, "random"));
        this.pacer = new FramePacer(time);
        this.live = SourceUrls.isLive(camera.ingestUrl());
        this.safeUrl = Redact.url(camera.ingestUrl());
        this.failures = new RateLimitedLog(log, REPEAT_WINDOW, time);
        this.status = new IngestStatus(IngestState.STOPPED, "not started", time.nanos());
        this.thread = new Thread(this::run, "ingest-" + camera.name());
        thread.setDaemon(true); // a read stuck in native code must not hold the JVM at exit
        thread.setUncaughtExceptionHandler((t, e) -> setState(IngestState.FAILED,
                "decoder thread died: " + SourceUrls.describe(e, camera.ingestUrl())));
    }

    /** Starts the decoder thread. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("camera " + camera.name() + " is closed");
        }
        thread.start();
    }

    /** Stops decoding; waits at most the I/O timeout plus a second for a read blocked in FFmpeg. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (thread.getState() == Thread.State.NEW) {
                setState(IngestState.STOPPED, "closed");
                return;
            }
        }
        thread.interrupt();
        try {
            thread.join(options.ioTimeout().plus(Duration.ofSeconds(1)).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("camera {}: decoder thread did not stop in time", camera.name());
        }
    }

    private void run() {
        try {
            boolean afterFailure = false;
            boolean looping = false;
            while (!closed) {
                if (afterFailure) {
                    reconnects.incrementAndGet();
                }
                Outcome out = session(looping);
                if (closed) {
                    break;
                }
                afterFailure = out.next() == Next.RETRY;
                looping = out.next() == Next.LOOP;
                switch (out.next()) {
                    case STOP -> { setState(IngestState.STOPPED, out.reason()); return; }
                    case FAIL -> { setState(IngestState.FAILED, out.reason()); return; }
                    case RETRY -> awaitBackoff(out.reason());
                    case LOOP -> { }
                }
            }
            setState(IngestState.STOPPED, "closed");
        } catch (InterruptedException e) {
            setState(IngestState.STOPPED, closed ? "closed" : "interrupted");
            Thread.currentThread().interrupt();
        }
    }

    /** One open-read-close cycle; returns what to do next. Failures are caught here, per camera. */
    private Outcome session(boolean looping) throws InterruptedException {
        if (!looping) {
            setState(IngestState.CONNECTING, "opening " + safeUrl);
        }
        long frames = 0;
        try (FrameSource source = sources.create(camera, options)) {
            source.open();
            pacer.restart(source.frameRate());
            while (!closed) {
                long grabStart = time.nanos();
                if (!source.grab()) {
                    return endOfStream(source, frames);
                }
                long grabNanos = time.nanos() - grabStart;
                boolean first = frames++ == 0;
                if (!live) {
                    pace(source);
                }
                decoded.incrementAndGet();
                long seq = sequence++;
                // A frame the detect loop would pass by is not copied (most of them at detect_fps < stream fps); one it
                // takes is copied as decoded (I420 planes), not converted: the detector resizes before converting.
                if (first || mailbox.wants(time.nanos())) {
                    FrameSource.Picture picture = source.decoded(this::buffer);
                    if (first && !looping) {
                        backoff.reset();
                        setState(IngestState.STREAMING, picture.width() + "x" + picture.height() + " @ "
                                + String.format(Locale.ROOT, "%.2f", source.frameRate()) + " fps");
                    }
                    publish(seq, picture);
                    if (!live) {
                        // Decoding the next frame at once held the core the woken detect thread was placed on
                        // (1.1 ms median from hand-off to detect start): decode it just in time instead.
                        pacer.awaitAhead(Math.min(pacer.intervalNanos() / 2, 2 * grabNanos + DECODE_LEAD_NANOS));
                    }
                }
            }
            return new Outcome(Next.STOP, "closed");
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            errors.incrementAndGet();
            String cause = SourceUrls.describe(e, camera.ingestUrl());
            if (frames == 0 && live && SourceUrls.isConnectionRefused(cause)) {
                return new Outcome(Next.RETRY, SourceUrls.refused(camera.ingestUrl()));
            }
            String what = frames == 0 ? "open failed: " : "read failed after " + frames + " frames: ";
            return new Outcome(Next.RETRY, what + cause);
        }
    }

    /** Files play at their own speed; with skipped frames the gaps come from the timestamps, not the count. */
    private void pace(FrameSource source) throws InterruptedException {
        long pts = source.timestampMicros();
        if (camera.decode() != DecodeMode.ALL && pts >= 0) {
            pacer.awaitTimestamp(pts);
        } else {
            pacer.awaitNext();
        }
    }

    private Outcome endOfStream(FrameSource source, long frames) {
        if (live) {
            // JavaCV reports a dropped connection and a read timeout as end of stream: for a camera that
            // is a failure, not a normal end.
            errors.incrementAndGet();
            return new Outcome(Next.RETRY, "stream ended or timed out after " + frames + " frames");
        }
        if (frames == 0) {
            errors.incrementAndGet();
            return new Outcome(Next.RETRY, "no frames decoded from " + safeUrl);
        }
        long declared = source.declaredFrames();
        if (declared > 0 && frames < declared - Math.max(2, declared / 50)) {
            errors.incrementAndGet();
            String reason = "file ended early at frame " + frames + " of " + declared
                    + " declared (truncated or corrupt): " + safeUrl;
            if (!warnedTruncated) {
                log.warn("camera {}: {}", camera.name(), reason);
                warnedTruncated = true;
            }
            return new Outcome(camera.loop() ? Next.LOOP : Next.FAIL, reason);
        }
        return new Outcome(camera.loop() ? Next.LOOP : Next.STOP, "end of file after " + frames + " frames");
    }

    private void awaitBackoff(String reason) throws InterruptedException {
        long delay = backoff.nextDelayNanos();
        setState(IngestState.BACKOFF, reason + "; retry " + backoff.attempts() + " in "
                + Duration.ofNanos(delay).toMillis() + " ms");
        time.sleepNanos(delay);
    }

    /** A recycled array of exactly {@code size} bytes if one is spare, else a new one. */
    private byte[] buffer(int size) {
        for (byte[] b = spare.pollFirst(); b != null; b = spare.pollFirst()) {
            if (b.length == size) {
                return b;
            }
        }
        byte[] released = mailbox.reclaim(size);
        return released != null ? released : new byte[size];
    }

    private void publish(long seq, FrameSource.Picture picture) {
        VideoFrame frame = new VideoFrame(camera.name(), seq, time.nanos(), time.now(),
                picture.width(), picture.height(), picture.format(), picture.pixels());
        VideoFrame displaced = mailbox.offer(frame);
        // Nobody ever saw a replaced frame, so its pixels can be overwritten.
        if (displaced != null && spare.size() < SPARE_BUFFERS) {
            spare.addLast(displaced.pixels());
        }
    }

    private void setState(IngestState state, String reason) {
        status = new IngestStatus(state, reason, time.nanos());
        switch (state) {
            case BACKOFF -> failures.warn(repeatKey(reason), "camera {}: {}: {}", camera.name(), state, reason);
            case FAILED -> log.warn("camera {}: {}: {}", camera.name(), state, reason);
            case CONNECTING -> log.debug("camera {}: {}: {}", camera.name(), state, reason);
            default -> log.info("camera {}: {}: {}", camera.name(), state, reason);
        }
    }

    /** The kind of failure: the reason without the attempt number, delay and counts. */
    private static String repeatKey(String reason) {
        int retry = reason.lastIndexOf("; retry ");
        return (retry < 0 ? reason : reason.substring(0, retry)).replaceAll("[0-9]+", "#");
    }

    public String name() { return camera.name(); }
    public LatestFrameMailbox mailbox() { return mailbox; }
    public IngestStatus status() { return status; }
    public boolean isRunning() { return thread.isAlive(); }

    public IngestStats stats() {
        return new IngestStats(decoded.get(), mailbox.dropped(), errors.get(), reconnects.get());
    }
}
