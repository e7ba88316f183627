package io.edgewatch.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning shared by all cameras.
 *
 * @param ioTimeout       FFmpeg socket/read timeout for live sources: a connect or a stalled stream fails after
 *                        this long and the camera goes to backoff; also bounds how long close() can wait on a
 *                        blocked read
 * @param backoffInitial  first reconnect delay
 * @param backoffMax      reconnect delay cap
 * @param decoderThreads  FFmpeg decoder threads per camera; 1 keeps one camera to one core and adds no latency
 * @param colour          who converts YUV to BGR (default: by CPU architecture)
 */
public record IngestOptions(Duration ioTimeout, Duration backoffInitial, Duration backoffMax,
                            int decoderThreads, ColourConversion colour) {
    public IngestOptions {
        requirePositive(ioTimeout, "ioTimeout");
        requirePositive(backoffInitial, "backoffInitial");
        requirePositive(backoffMax, "backoffMax");
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax must be >= backoffInitial");
        }
        if (decoderThreads < 1) {
            throw new IllegalArgumentException("decoderThreads must be positive: " + decoderThreads);
        }
        Objects.requireNonNull(colour, "colour");
    }

    public static IngestOptions defaults() {
        return new IngestOptions(Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30), 1,
                ColourConversion.forThisMachine());
    }

    public IngestOptions withBackoff(Duration initial, Duration max) {
        return new IngestOptions(ioTimeout, initial, max, decoderThreads, colour);
    }

    public IngestOptions withIoTimeout(Duration timeout) {
        return new IngestOptions(timeout, backoffInitial, backoffMax, decoderThreads, colour);
    }

    public IngestOptions withColour(ColourConversion conversion) {
        return new IngestOptions(ioTimeout, backoffInitial, backoffMax, decoderThreads, conversion);
    }

    private static void requirePositive(Duration d, String field) {
        Objects.requireNonNull(d, field);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(field + " must be positive: " + d);
        }
    }
}
