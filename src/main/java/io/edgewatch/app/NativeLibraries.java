package io.edgewatch.app;

import ai.onnxruntime.OrtEnvironment;
import io.edgewatch.util.LargeStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;

/**
 * Loads the FFmpeg, OpenCV and ONNX Runtime natives once at start (run and check-config), so that a missing
 * system library or a too-old glibc is one line naming the Debian package to install, instead of a camera that
 * backs off forever on a NoClassDefFoundError while the daemon reports "started".
 */
public final class NativeLibraries {
    private static final Pattern MISSING = Pattern.compile("(lib[\\w.+-]+?\\.so(?:\\.\\d+)*): cannot open shared object file");
    private static final Pattern VERSION = Pattern.compile("version `(GLIBCXX|GLIBC)_([\\d.]+)' not found");
    /** Shared objects the bundled natives take from the system, and the Debian package of each. */
    private static final Map<String, String> PACKAGES = Map.ofEntries(
            Map.entry("libva.so.2", "libva2"), Map.entry("libva-drm.so.2", "libva-drm2"),
            Map.entry("libva-x11.so.2", "libva-x11-2"), Map.entry("libdrm.so.2", "libdrm2"),
            Map.entry("libstdc++.so.6", "libstdc++6"), Map.entry("libgomp.so.1", "libgomp1"),
            Map.entry("libgcc_s.so.1", "libgcc-s1"), Map.entry("libz.so.1", "zlib1g"),
            Map.entry("libc.so.6", "libc6"), Map.entry("libm.so.6", "libc6"));

    private NativeLibraries() {}

    /** Loads every native the daemon needs; empty when all load, else the one-line reason. */
    public static Optional<String> check() {
        List<String> problems = new ArrayList<>();
        load("FFmpeg", problems, () -> {
            for (Class<?> c : List.of(avutil.class, avcodec.class, avformat.class, swscale.class)) {
                Loader.load(c);
            }
        });
        load("OpenCV", problems, () -> {
            Loader.load(opencv_core.class);
            Loader.load(opencv_imgproc.class);
        });
        // ONNX Runtime's environment wants a large stack (see util.LargeStack).
        load("ONNX Runtime", problems, () -> LargeStack.call("ort-native-check", OrtEnvironment::getEnvironment));
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private interface Load {
        void run() throws Exception;
    }

    private static void load(String what, List<String> problems, Load load) {
        try {
            load.run();
        } catch (Exception | LinkageError e) {
            problems.add(explain(what, e));
        }
    }

    /** One line for a failed load: the missing library or glibc version and the package that provides it. */
    static String explain(String what, Throwable error) {
        String all = messages(error);
        Matcher missing = MISSING.matcher(all);
        if (missing.find()) {
            String lib = missing.group(1);
            String pkg = PACKAGES.get(lib);
            return what + " natives cannot load: " + lib + " is missing"
                    + (pkg == null ? " (install the package that provides it)" : "; install it: apt install " + pkg);
        }
        Matcher version = VERSION.matcher(all);
        if (version.find()) {
            String v = version.group(2);
            return "GLIBC".equals(version.group(1))
                    ? what + " natives need glibc " + v + " or newer (libc6 >= " + v + "; Debian 12, Ubuntu 22.04,"
                            + " Raspberry Pi OS bookworm 64-bit, JetPack 6); this system's C library is older"
                    : what + " natives need the C++ runtime GLIBCXX_" + v + " (libstdc++6 from GCC 12 or newer;"
                            + " Debian 12, Ubuntu 22.04); this system's libstdc++6 is older";
        }
        String first = error.getMessage() == null ? error.toString() : error.getMessage().lines().findFirst().orElse("");
        return what + " natives cannot load: " + first
                + " (details: -Dorg.bytedeco.javacpp.logger.debug=true in EDGEWATCH_JAVA_OPTS)";
    }

    /** The messages of the whole cause chain and suppressed exceptions, where the linker's words end up. */
    private static String messages(Throwable error) {
        StringBuilder sb = new StringBuilder();
        List<Throwable> seen = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(error));
        while (!todo.isEmpty() && seen.size() < 20) {
            Throwable t = todo.remove(0);
            if (t == null || seen.contains(t)) {
                continue;
            }
            seen.add(t);
            sb.append(t).append('\n');
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
        return sb.toString();
    }
}
