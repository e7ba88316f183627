package io.edgewatch.ingest;

/** Life cycle of one camera's decoder thread. */
public enum IngestState {
    /** Opening the source (RTSP handshake, file probe). */
    CONNECTING,
    /** Frames are arriving. */
    STREAMING,
    /** The last attempt failed; waiting before the next one. */
    BACKOFF,
    /** Gave up: retrying cannot help (e.g. a non-looping file that is truncated). */
    FAILED,
    /** Closed, or a non-looping file reached its end. */
    STOPPED
}
