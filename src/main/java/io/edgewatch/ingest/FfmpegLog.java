package io.edgewatch.ingest;

import io.edgewatch.util.TimeSource;
import java.time.Duration;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg's process-wide native log callback for the daemon: lines go to SLF4J (so the same redaction and journal
 * priorities apply), per camera and rate-limited ({@link NativeLogLines}). FFmpeg calls it on the thread that
 * called into FFmpeg, i.e. the camera's decoder thread. Install once, before the cameras start, and keep this
 * object referenced until {@link #uninstall()}: JavaCPP's native thunk holds it only weakly, and FFmpeg logging
 * into a collected callback aborts the JVM (measured: "Error getting method ID", SIGABRT).
 */
public final class FfmpegLog extends LogCallback {
    /** Repeats of one line from one camera: one summary line per window at most. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final NativeLogLines lines;

    public FfmpegLog(TimeSource time) {
        this.lines = new NativeLogLines(LoggerFactory.getLogger(FfmpegLog.class), time, WINDOW);
    }

    /** Routes FFmpeg's log here; the caller holds this object while it is installed. */
    public FfmpegLog install() {
        retainReference();
        avutil.setLogCallback(this);
        return this;
    }

    /** Hands FFmpeg's log back to JavaCV's callback (held by JavaCV for the life of the process). */
    public void uninstall() {
        FFmpegLogCallback.set();
    }

    @Override
    public void call(int level, BytePointer msg) {
        try {
            lines.line(Thread.currentThread().getName(), level, msg == null ? null : msg.getString());
        } catch (RuntimeException e) {

            // an exception must not unwind into FFmpeg's C frames
            LoggerFactory.getLogger(FfmpegLog.class).debug("native log line dropped: {}", e.toString());
        }
    }
}
