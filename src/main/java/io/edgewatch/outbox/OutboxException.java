package io.edgewatch.outbox;

/** The outbox file cannot be opened, read or written. */
public final class OutboxException extends RuntimeException {
    public OutboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
