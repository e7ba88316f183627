package io.edgewatch.cli;

import io.edgewatch.config.Redact;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Line-buffered stream that passes every line through {@link Redact#text} before it reaches the real
 * stdout/stderr: whatever a command prints (its own text, a library's, a stack trace), credentials in URLs
 * do not leave the process.
 */
final class RedactingOutput extends OutputStream {
    private static final int MAX_LINE = 64 * 1024;
    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    private RedactingOutput(OutputStream target) {
        this.target = target;
    }

    /** A print stream over {@code target} that redacts line by line (autoflush, UTF-8). */
    static PrintStream wrap(PrintStream target) {
        return new PrintStream(new RedactingOutput(target), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n' || b == '\r' || line.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void flush() {
        emit();
        try {
            target.flush();
        } catch (java.io.IOException ignored) {
            // stdout closed: nothing left to tell
        }
    }

    private void emit() {
        if (line.size() == 0) {
            return;
        }
        byte[] out = Redact.text(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        line.reset();
        try {
            target.write(out);
        } catch (java.io.IOException ignored) {
            // as above
        }
    }
}
