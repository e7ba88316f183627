package io.edgewatch.ingest;

import java.util.Locale;

/**
 * Who turns the decoder's YUV 4:2:0 pictures into BGR. FFmpeg's swscale has SIMD for yuv420p → bgr24 on x86 but
 * no NEON path on arm64, where OpenCV's cvtColor (NEON) is the faster one; see docs/performance.md.
 */
public enum ColourConversion {
    /** FFmpeg's swscale converts to bgr24 inside the grabber. */
    SWSCALE,
    /** The grabber hands out I420; OpenCV's cvtColor(COLOR_YUV2BGR_I420) converts into a reused buffer. */
    OPENCV;

    /** OpenCV on arm64 (NEON), swscale elsewhere (measured faster on x86). */
    public static ColourConversion forArch(String osArch) {
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? OPENCV : SWSCALE;
    }

    /** The default for the JVM this runs in ({@code os.arch}). */
    public static ColourConversion forThisMachine() {
        return forArch(System.getProperty("os.arch"));
    }
}
