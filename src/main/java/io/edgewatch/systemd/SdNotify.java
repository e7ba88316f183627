package io.edgewatch.systemd;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * sd_notify(3) without libsystemd: one datagram per message to the AF_UNIX socket named by {@code $NOTIFY_SOCKET}
 * (a path, or {@code @name} for the abstract namespace). Java 17 has stream but no datagram UNIX-domain channels,
 * so the socket calls go to libc through JNA. Sending from the main process itself is what lets the unit keep
 * {@code NotifyAccess=main}; spawning {@code systemd-notify} would need {@code NotifyAccess=all} and races with
 * systemd attributing the message of a process that already exited.
 */
public final class SdNotify implements Notifier {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH_MAX = 108;

    /** The libc calls we need; names and signatures as in socket(2), sendto(2), close(2). */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen);

        int close(int fd);
    }

    private final byte[] address;
    private final String socketName;
    private final LibC libc;

    public SdNotify(String notifySocket) {
        Objects.requireNonNull(notifySocket, "notifySocket");
        this.socketName = notifySocket;
        this.address = sockaddrUn(notifySocket);
        this.libc = Native.load("c", LibC.class);
    }

    /** The notifier for {@code env}'s NOTIFY_SOCKET, if systemd (Type=notify) set one. */
    public static Optional<SdNotify> fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        return socket == null || socket.isBlank() ? Optional.empty() : Optional.of(new SdNotify(socket));
    }

    /** Sends one state message, e.g. {@code READY=1}; throws if the socket cannot take it. */
    @Override
    public void send(String state) {
        byte[] msg = state.getBytes(StandardCharsets.UTF_8);
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IllegalStateException("socket(AF_UNIX, SOCK_DGRAM) failed: errno " + Native.getLastError());
        }
        try {
            long sent = libc.sendto(fd, msg, new NativeLong(msg.length), MSG_NOSIGNAL, address, address.length)
                    .longValue();
            if (sent != msg.length) {
                throw new IllegalStateException("sendto " + socketName + " failed: errno " + Native.getLastError());
            }
        } finally {
            libc.close(fd);
        }
    }

    /** struct sockaddr_un: sa_family_t (native order) + path; '@' means abstract namespace (leading NUL). */
    static byte[] sockaddrUn(String socket) {
        boolean abstractName = socket.startsWith("@");
        byte[] path = (abstractName ? socket.substring(1) : socket).getBytes(StandardCharsets.UTF_8);
        int pathLen = abstractName ? 1 + path.length : path.length + 1; // leading or trailing NUL
        if (pathLen > SUN_PATH_MAX || (!abstractName && !socket.startsWith("/"))) {
            throw new IllegalArgumentException("NOTIFY_SOCKET must be an absolute path or @name of at most "
                    + (SUN_PATH_MAX - 1) + " bytes: " + socket);
        }
        ByteBuffer b = ByteBuffer.allocate(2 + pathLen).order(ByteOrder.nativeOrder());
        b.putShort((short) AF_UNIX);
        if (abstractName) {
            b.put((byte) 0);
        }
        b.put(path);
        return b.array(); // a path-based name keeps its trailing NUL (already zero)
    }

    @Override
    public String toString() {
        return "sd_notify(" + socketName + ")";
    }
}
