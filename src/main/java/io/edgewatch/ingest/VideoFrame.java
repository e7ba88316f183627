package io.edgewatch.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * One decoded frame handed from a decoder thread to the rest of the pipeline. Pixels are as the decoder made them
 * when that is I420 (the detector resizes the planes before any colour conversion, so a frame is never converted
 * at full size on the hot path), else packed BGR24; {@link #bgr()} converts for the consumers that need BGR
 * (snapshots, trials). The receiver owns it: the decoder copies out of the decoder's picture before anyone else
 * sees the pixels.
 */
public final class VideoFrame {
    private final String camera;
    private final long sequence;
    private final long decodedNanos;
    private final Instant captureTime;
    private final int width;
    private final int height;
    private final PixelFormat format;
    private final byte[] pixels;

    /** A packed BGR24 frame. */
    public VideoFrame(String camera, long sequence, long decodedNanos, Instant captureTime,
                      int width, int height, byte[] bgr) {
        this(camera, sequence, decodedNanos, captureTime, width, height, PixelFormat.BGR24, bgr);
    }

    public VideoFrame(String camera, long sequence, long decodedNanos, Instant captureTime,
                      int width, int height, PixelFormat format, byte[] pixels) {
        this.camera = Objects.requireNonNull(camera, "camera");
        this.captureTime = Objects.requireNonNull(captureTime, "captureTime");
        this.format = Objects.requireNonNull(format, "format");
        this.pixels = Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        if (format == PixelFormat.I420 && ((width | height) & 1) != 0) {
            throw new IllegalArgumentException("I420 needs even width and height: " + width + "x" + height);
        }
        if (pixels.length < format.bytes(width, height)) {
            throw new IllegalArgumentException(format + " buffer too small for " + width + "x" + height);
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
    public PixelFormat format() { return format; }
    /** The pixels in {@link #format()}; do not modify after handing the frame on. */
    public byte[] pixels() { return pixels; }

    /**
     * Packed BGR24 pixels: the frame's own array for a BGR24 frame (do not modify), a new conversion for an I420
     * one (a full-size colour conversion: off the detect thread, or rare).
     */
    public byte[] bgr() {
        if (format == PixelFormat.BGR24) {
            return pixels;
        }
        byte[] bgr = new byte[width * height * 3];
        try (I420ToBgr converter = new I420ToBgr()) {
            converter.convert(pixels, width, height, bgr);
        }
        return bgr;
    }
}
