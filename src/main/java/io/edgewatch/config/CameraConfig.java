package io.edgewatch.config;

import java.util.List;

/**
 * @param name          camera id ([a-z0-9_-], unique), used in topics, metrics and logs
 * @param url           rtsp://, rtsps://, http(s):// or a file path (resolved against the loader's base dir)
 * @param loop          restart a file source at its end (demo and tests)
 * @param detectFps     detections per second for this camera (> 0)
 * @param rtspTransport tcp or udp
 * @param enabled       false keeps the entry but does not start the camera
 * @param zones         named polygons; events say which ones an object is in, entered and left
 * @param masks         polygons whose detections are ignored (by the bottom centre of the box)
 */
public record CameraConfig(String name, String url, boolean loop, double detectFps, String rtspTransport,
                           boolean enabled, List<ZoneConfig> zones, List<List<ZoneConfig.Point>> masks) {
    public CameraConfig {
        zones = List.copyOf(zones);
        masks = masks.stream().map(List::copyOf).toList();
    }

    /** Without zones and masks. */
    public CameraConfig(String name, String url, boolean loop, double detectFps, String rtspTransport,
                        boolean enabled) {
        this(name, url, loop, detectFps, rtspTransport, enabled, List.of(), List.of());
    }

    @Override
    public String toString() {
        return "CameraConfig[name=" + name + ", url=" + Redact.url(url) + ", detectFps=" + detectFps + "]";
    }
}
