package io.edgewatch.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps and validates the cameras list: per-entry checks, then unique names and at least one enabled. */
final class CameraParser {
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://([^/]*)(.*)$");
    private static final Set<String> SCHEMES = Set.of("rtsp", "rtsps", "http", "https");
    private static final Pattern DECODER = Pattern.compile("[a-z0-9_]{1,32}");

    private final SectionParsers sections;

    CameraParser(SectionParsers sections) {
        this.sections = sections;
    }

    List<CameraConfig> cameras(ConfigSection root) {
        List<ConfigSection> entries = root.sections("cameras", ConfigKeys.CAMERA);
        List<CameraConfig> out = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ConfigSection s = entries.get(i);
            if (s.wrongType()) {
                continue;
            }
            CameraConfig camera = camera(s);
            Integer first = firstIndex.putIfAbsent(camera.name(), i);
            s.check("name", first == null || s.failed("name"), "duplicate camera name (also cameras[" + first + "])");
            out.add(camera);
        }
        if (entries.isEmpty()) {
            root.checkAt("cameras", "cameras", null, false, "at least one camera is required");
        } else if (!out.isEmpty()) {
            root.checkAt("cameras", "cameras", null, out.stream().anyMatch(CameraConfig::enabled),
                    "at least one camera must have enabled: true");
        }
        return out;
    }

    private CameraConfig camera(ConfigSection s) {
        boolean hasName = s.has("name");
        boolean hasUrl = s.has("url");
        String name = s.string("name", "");
        String url = s.string("url", "").trim();
        boolean loop = s.bool("loop", false);
        double fps = s.decimal("detect_fps", 5);
        RtspTransport transport = Choices.parse(s, "rtsp_transport", RtspTransport.class, RtspTransport.TCP);
        boolean enabled = s.bool("enabled", true);
        double weight = s.decimal("weight", 1);
        DecodeMode decode = Choices.parse(s, "decode", DecodeMode.class, DecodeMode.ALL);
        String detectUrl = s.string("detect_url", "").trim();
        String hwaccel = s.string("hwaccel", "").trim();
        MotionConfig motion = MotionParser.motion(s.section("motion", ConfigKeys.MOTION));
        List<ZoneConfig> zones = PolygonParser.zones(s);
        List<List<ZoneConfig.Point>> masks = PolygonParser.masks(s);
        if (!hasName) {
            s.fail("name", "is required");
        }
        s.check("name", Names.valid(name), Names.RULE);
        if (!hasUrl) {
            s.fail("url", "is required");
        }
        String source = checkUrl(s, url, enabled);
        s.check("detect_fps", fps > 0, "must be positive");
        s.check("detect_fps", fps <= 120, "must be at most 120");
        s.check("weight", weight > 0 && weight <= 100, "must be positive and at most 100");
        s.check("hwaccel", hwaccel.isEmpty() || DECODER.matcher(hwaccel).matches(),
                "must be an FFmpeg decoder name such as h264_v4l2m2m, or empty");
        checkDetectUrl(s, detectUrl);
        return new CameraConfig(name, source, loop, fps, transport, enabled, weight, motion, decode, detectUrl,
                hwaccel, zones, masks);
    }

    /** A sub-stream must be a stream URL of the same kinds as {@code url}. */
    private void checkDetectUrl(ConfigSection s, String url) {
        if (url.isEmpty() || s.failed("detect_url")) {
            return;
        }
        Matcher m = SCHEME.matcher(url);
        s.check("detect_url", m.matches() && SCHEMES.contains(m.group(1).toLowerCase(Locale.ROOT)),
                "must be an rtsp, rtsps, http or https URL (the camera's sub-stream)");
        s.check("detect_url", UrlPorts.valid(UrlPorts.authority(url)), UrlPorts.RULE);
    }

    /** Stream URLs are kept as written; file paths are resolved against the base dir and must exist. */
    private String checkUrl(ConfigSection s, String url, boolean enabled) {
        if (s.failed("url")) {
            return url;
        }
        if (url.isEmpty()) {
            s.fail("url", "must not be empty");
            return url;
        }
        Matcher m = SCHEME.matcher(url);
        if (m.matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            s.check("url", SCHEMES.contains(scheme), "unsupported scheme " + scheme
                    + " (use rtsp, rtsps, http, https or a file path)");
            String host = m.group(2).replaceFirst("^.*@", "");
            s.check("url", !host.isEmpty() && !host.startsWith(":"), "has no host");
            s.check("url", UrlPorts.valid(m.group(2)), UrlPorts.RULE);
            return url;
        }
        Path file = sections.resolve(s, "url", url);
        // A disabled camera may point at a file that is not there yet.
        s.check("url", file == null || !enabled || sections.exists(file), "video file not found: " + file);
        return file == null ? url : file.toString();
    }
}
