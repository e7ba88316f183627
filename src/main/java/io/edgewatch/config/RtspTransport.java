package io.edgewatch.config;

import java.util.Locale;

/** How RTSP carries the media ({@code cameras[].rtsp_transport}); the names are FFmpeg's option values. */
public enum RtspTransport {
    /** Interleaved in the RTSP TCP connection: survives NAT and lossy Wi-Fi, the default. */
    TCP,
    /** RTP over UDP: lower latency on a clean LAN, loses frames when packets drop. */
    UDP;

    /** The value as written in the config file and passed to FFmpeg's {@code rtsp_transport}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
