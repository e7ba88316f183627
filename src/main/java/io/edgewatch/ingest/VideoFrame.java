package io.edgewatch.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * One decoded frame handed from a decoder thread to the rest of the pipeline. Pixels are packed BGR24,
 * row-major, {@code width * 3} bytes per row. The receiver owns it: the decoder copies out of
 * FFmpegFrameGrabber's reused Frame before anyone else sees the pixels.
 */
public final class VideoFrame {
    private final String camera;
    private final long sequence;
    private final long decodedNanos;
    private final Instant captureTime;
    private final int width;
    private final int height;
    private final byte[] bgr;

    public VideoFrame(String camera, long sequence, long decodedNanos, Instant captureTime,
                      int width, int height, byte[] bgr) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.captureTime = Objects.requireNonNull(captureTime, "captureTime");
        this.bgr = Objects.requireNonNull(bgr, "bgr");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        if (bgr.length < width * height * 3) {
            throw new IllegalArgumentException("bgr buffer too small for " + width + "x" + height);
        }
        this.sequence = sequence;
        this.decodedNanos = decodedNanos;
        this.width = width;
        this.height = height;
    }

    public String camera() { return camera; }
    /** Per-camera frame counter, starting at 0 after each (re)connect-independent start. */
    public long sequence() { return sequence; }
    /** Monotonic time (injected clock, nanoseconds) when decoding finished; for latency and staleness. */
    public long decodedNanos() { return decodedNanos; }
    /** Wall-clock time of the frame, for event timestamps. */
    public Instant captureTime() { return captureTime; }
    public int width() { return width; }
    public int height() { return height; }
    /** Packed BGR24 pixels; do not modify after handing the frame on. */
    public byte[] bgr() { return bgr; }
}
