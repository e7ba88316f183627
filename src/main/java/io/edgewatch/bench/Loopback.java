package io.edgewatch.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** 127.0.0.1 ports for the servers the bench starts (RTSP server, external broker). */
final class Loopback {
    private Loopback() {}

    /** A port free right now (another process may still take it before the server binds: rare, and it fails loudly). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** True when something accepts TCP connections on {@code port} (200 ms connect timeout). */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
