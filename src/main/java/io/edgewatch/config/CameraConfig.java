package io.edgewatch.config;

/**
 * @param name          camera id ([a-z0-9_-], unique), used in topics, metrics and logs
 * @param url           rtsp://, rtsps://, http(s):// or a file path (resolved against the loader's base dir)
 * @param loop          restart a file source at its end (demo and tests)
 * @param detectFps     detections per second for this camera (> 0)
 * @param rtspTransport tcp or udp
 * @param enabled       false keeps the entry but does not start the camera
 */
public record CameraConfig(String name, String url, boolean loop, double detectFps, String rtspTransport,
                           boolean enabled) {
    @Override
    public String toString() {
        return "CameraConfig[name=" + name + ", url=" + Redact.url(url) + ", detectFps=" + detectFps + "]";
    }
}
