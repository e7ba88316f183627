package io.edgewatch.config;

import java.util.List;

/**
 * @param name          camera id ([a-z0-9_-], unique), used in topics, metrics and logs
 * @param url           rtsp://, rtsps://, http(s):// or a file path (resolved against the loader's base dir)
 * @param loop          restart a file source at its end (demo and tests)
 * @param detectFps     detections per second for this camera (> 0)
 * @param rtspTransport tcp or udp
 * @param enabled       false keeps the entry but does not start the camera
 * @param weight        share of the device budget relative to other cameras (> 0) when it is too small for all
 * @param motion        motion gate before the detector
 * @param decode        which frames the decoder decodes: all, nonref (skip non-reference frames) or keyframes
 * @param detectUrl     optional lower-resolution sub-stream to decode for detection instead of {@code url}
 * @param hwaccel       optional FFmpeg decoder name (e.g. h264_v4l2m2m); falls back to software if it fails
 * @param zones         named polygons; events say which ones an object is in, entered and left
 * @param masks         polygons whose detections are ignored (by the bottom centre of the box)
 */
public record CameraConfig(String name, String url, boolean loop, double detectFps, String rtspTransport,
                           boolean enabled, double weight, MotionConfig motion, String decode, String detectUrl,
                           String hwaccel, List<ZoneConfig> zones, List<List<ZoneConfig.Point>> masks) {
    public CameraConfig {
        motion = motion == null ? MotionConfig.disabled() : motion;
        decode = decode == null || decode.isBlank() ? "all" : decode;
        detectUrl = detectUrl == null ? "" : detectUrl;
        hwaccel = hwaccel == null ? "" : hwaccel;
        zones = zones == null ? List.of() : List.copyOf(zones);
        masks = masks == null ? List.of() : masks.stream().map(List::copyOf).toList();
    }

    /** A camera with the defaults for weight (1), motion (off), decode (all), no sub-stream, software decode. */
    public CameraConfig(String name, String url, boolean loop, double detectFps, String rtspTransport,
                        boolean enabled) {
        this(name, url, loop, detectFps, rtspTransport, enabled, 1.0, MotionConfig.disabled(), "all", "", "",
                List.of(), List.of());
    }

    /** With scheduling options, without zones and masks. */
    public CameraConfig(String name, String url, boolean loop, double detectFps, String rtspTransport,
                        boolean enabled, double weight, MotionConfig motion, String decode, String detectUrl,
                        String hwaccel) {
        this(name, url, loop, detectFps, rtspTransport, enabled, weight, motion, decode, detectUrl, hwaccel,
                List.of(), List.of());
    }

    /** With zones and masks, default scheduling options. */
    public CameraConfig(String name, String url, boolean loop, double detectFps, String rtspTransport,
                        boolean enabled, List<ZoneConfig> zones, List<List<ZoneConfig.Point>> masks) {
        this(name, url, loop, detectFps, rtspTransport, enabled, 1.0, MotionConfig.disabled(), "all", "", "",
                zones, masks);
    }

    /** The stream the detector looks at: the sub-stream if one is configured. */
    public String ingestUrl() {
        return detectUrl.isEmpty() ? url : detectUrl;
    }

    @Override
    public String toString() {
        return "CameraConfig[name=" + name + ", url=" + Redact.url(url) + ", detectFps=" + detectFps + "]";
    }
}
