package io.edgewatch.config;

import java.util.List;
import java.util.Objects;

/**
 * One camera, as validated by the config loader. Code that needs a camera outside the loader (tests, benchmarks)
 * uses {@link #builder(String)}, which starts from the documented defaults.
 *
 * @param name          camera id ([a-z0-9_-], unique), used in topics, metrics and logs
 * @param url           rtsp://, rtsps://, http(s):// or a file path (resolved against the loader's base dir)
 * @param loop          restart a file source at its end (demo and tests)
 * @param detectFps     detections per second for this camera (> 0)
 * @param rtspTransport how RTSP carries the media
 * @param enabled       false keeps the entry but does not start the camera
 * @param weight        share of the device budget relative to other cameras (> 0) when it is too small for all
 * @param motion        motion gate before the detector
 * @param decode        which frames the decoder decodes
 * @param detectUrl     optional lower-resolution sub-stream to decode for detection instead of {@code url}
 * @param hwaccel       optional FFmpeg decoder name (e.g. h264_v4l2m2m); falls back to software if it fails
 * @param zones         named polygons; events say which ones an object is in, entered and left
 * @param masks         polygons whose detections are ignored (by the bottom centre of the box)
 */
public record CameraConfig(String name, String url, boolean loop, double detectFps, RtspTransport rtspTransport,
                           boolean enabled, double weight, MotionConfig motion, DecodeMode decode, String detectUrl,
                           String hwaccel, List<ZoneConfig> zones, List<List<ZoneConfig.Point>> masks) {
    public CameraConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        rtspTransport = rtspTransport == null ? RtspTransport.TCP : rtspTransport;
        motion = motion == null ? MotionConfig.disabled() : motion;
        decode = decode == null ? DecodeMode.ALL : decode;
        detectUrl = detectUrl == null ? "" : detectUrl;
        hwaccel = hwaccel == null ? "" : hwaccel;
        zones = zones == null ? List.of() : List.copyOf(zones);
        masks = masks == null ? List.of() : masks.stream().map(List::copyOf).toList();
    }

    /** A builder with the defaults of docs/config.md: 5 fps, tcp, enabled, weight 1, motion off, decode all. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The stream the detector looks at: the sub-stream if one is configured. */
    public String ingestUrl() {
        return detectUrl.isEmpty() ? url : detectUrl;
    }

    @Override
    public String toString() {
        return "CameraConfig[name=" + name + ", url=" + Redact.url(url) + ", detectFps=" + detectFps + "]";
    }

    /** Named setters instead of a telescoping constructor; {@link #build()} applies the record's defaults. */
    public static final class Builder {
        private final String name;
        private String url = "";
        private boolean loop;
        private double detectFps = 5;
        private RtspTransport rtspTransport = RtspTransport.TCP;
        private boolean enabled = true;
        private double weight = 1;
        private MotionConfig motion = MotionConfig.disabled();
        private DecodeMode decode = DecodeMode.ALL;
        private String detectUrl = "";
        private String hwaccel = "";
        private List<ZoneConfig> zones = List.of();
        private List<List<ZoneConfig.Point>> masks = List.of();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder url(String url) { this.url = url; return this; }

        public Builder loop(boolean loop) { this.loop = loop; return this; }

        public Builder detectFps(double fps) { this.detectFps = fps; return this; }

        public Builder rtspTransport(RtspTransport t) { this.rtspTransport = t; return this; }

        public Builder enabled(boolean enabled) { this.enabled = enabled; return this; }

        public Builder weight(double weight) { this.weight = weight; return this; }

        public Builder motion(MotionConfig motion) { this.motion = motion; return this; }

        public Builder decode(DecodeMode decode) { this.decode = decode; return this; }

        public Builder detectUrl(String url) { this.detectUrl = url; return this; }

        public Builder hwaccel(String decoder) { this.hwaccel = decoder; return this; }

        public Builder zones(List<ZoneConfig> zones) { this.zones = zones; return this; }

        public Builder masks(List<List<ZoneConfig.Point>> masks) { this.masks = masks; return this; }

        public CameraConfig build() {
            return new CameraConfig(name, url, loop, detectFps, rtspTransport, enabled, weight, motion, decode,
                    detectUrl, hwaccel, zones, masks);
        }
    }
}
