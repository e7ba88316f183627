package io.edgewatch.systemd;

/** Sends service state to the service manager (sd_notify state strings such as {@code READY=1}). */
@FunctionalInterface
public interface Notifier {
    void send(String state);
}
