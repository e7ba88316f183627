package io.edgewatch.ingest;

import java.util.Objects;

/**
 * A camera's state with a human-readable reason (credentials already redacted).
 *
 * @param sinceNanos injected monotonic time of the transition
 */
public record IngestStatus(IngestState state, String reason, long sinceNanos) {
    public IngestStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }
}
