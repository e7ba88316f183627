package io.edgewatch.ingest;

import io.edgewatch.config.CameraConfig;
import java.io.IOException;
import java.util.function.IntFunction;

/**
 * One open video input, used by a single decoder thread. Implementations copy pixels out of any decoder-owned
 * memory into the caller's buffer, so the returned picture is safe to hand to another thread.
 */
public interface FrameSource extends AutoCloseable {

    /** Connects/opens and probes the stream. */
    void open() throws IOException;

    /**
     * Decodes the next video frame and leaves it in the decoder: converting it to BGR is a separate, optional step
     * ({@link #picture}), so a frame nobody will look at costs only its decode.
     *
     * @return false at end of stream
     */
    boolean grab() throws IOException;

    /**
     * The frame {@link #grab} decoded last, converted to packed BGR24 into a buffer from {@code buffers}; call at
     * most once per grab, before the next one.
     *
     * @param buffers gives a buffer of exactly the requested length (recycled or new)
     */
    Picture picture(IntFunction<byte[]> buffers) throws IOException;

    /**
     * The frame {@link #grab} decoded last as the decoder made it when that is I420 (no colour conversion: a copy
     * of the planes), else as {@link #picture}; call at most once per grab, before the next one.
     */
    default Picture decoded(IntFunction<byte[]> buffers) throws IOException {
        return picture(buffers);
    }

    /** Grabs and converts the next frame; null at end of stream. */
    default Picture read(IntFunction<byte[]> buffers) throws IOException {
        return grab() ? picture(buffers) : null;
    }

    /** Presentation time of the last picture read, in microseconds, or -1 if unknown. */
    default long timestampMicros() {
        return -1;
    }

    /** Native frame rate after open, or 0 if the container does not say. */
    double frameRate();

    /** Frame count declared by the container after open, or 0 if unknown (live streams). */
    long declaredFrames();

    /** Releases native resources; safe to call more than once and after a failed open. */
    @Override
    void close();

    /** A decoded picture, its pixels laid out as {@code format} says. */
    record Picture(int width, int height, PixelFormat format, byte[] pixels) {
        /** A packed BGR24 picture, {@code width * 3} bytes per row. */
        public Picture(int width, int height, byte[] bgr) {
            this(width, height, PixelFormat.BGR24, bgr);
        }

        /** The pixels of a BGR24 picture. */
        public byte[] bgr() {
            if (format != PixelFormat.BGR24) {
                throw new IllegalStateException("a " + format + " picture has no packed BGR pixels");
            }
            return pixels;
        }
    }

    /** Creates a source for a camera; one per (re)connect attempt. */
    @FunctionalInterface
    interface Factory {
        FrameSource create(CameraConfig camera, IngestOptions options);
    }
}
