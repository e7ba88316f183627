package io.edgewatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The linker messages below are verbatim shapes of glibc's dlopen errors as JavaCPP and ONNX Runtime pass them on. */
class NativeLibrariesTest {
    @Test
    void missingLibvaNamesTheDebianPackage() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("/var/cache/edgewatch/javacpp/org/bytedeco/ffmpeg/"
                + "linux-arm64/libjniavutil.so: libva.so.2: cannot open shared object file: No such file or directory");
        UnsatisfiedLinkError top = new UnsatisfiedLinkError("no jniavutil in java.library.path: /usr/lib");
        top.initCause(cause);
        assertThat(NativeLibraries.explain("FFmpeg", new ExceptionInInitializerError(top)))
                .isEqualTo("FFmpeg natives cannot load: libva.so.2 is missing; install it: apt install libva2");
    }

    @Test
    void missingDrmLibrariesMapToTheirPackages() {
        String drm = "libavutil.so.59: libva-drm.so.2: cannot open shared object file: No such file or directory";
        assertThat(NativeLibraries.explain("FFmpeg", new UnsatisfiedLinkError(drm))).endsWith("apt install libva-drm2");
        String lib = "libva-drm.so.2: libdrm.so.2: cannot open shared object file: No such file or directory";
        assertThat(NativeLibraries.explain("FFmpeg", new UnsatisfiedLinkError(lib))).endsWith("apt install libdrm2");
    }

    @Test
    void oldGlibcNamesTheVersionFloor() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("/tmp/javacpp/libavutil.so.59: /lib/aarch64-linux-gnu/"
                + "libm.so.6: version `GLIBC_2.35' not found (required by /tmp/javacpp/libavutil.so.59)");
        String line = NativeLibraries.explain("FFmpeg", e);
        assertThat(line).startsWith("FFmpeg natives need glibc 2.35 or newer (libc6 >= 2.35;").doesNotContain("\n");
    }

    @Test
    void oldLibstdcxxNamesGcc12Runtime() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("/tmp/libopencv_core.so.411: /lib/aarch64-linux-gnu/"
                + "libstdc++.so.6: version `GLIBCXX_3.4.30' not found (required by /tmp/libopencv_core.so.411)");
        assertThat(NativeLibraries.explain("OpenCV", e)).contains("GLIBCXX_3.4.30", "libstdc++6");
    }

    @Test
    void unknownLibraryAndUnknownMessageStayOneLine() {
        UnsatisfiedLinkError e = new UnsatisfiedLinkError("libfoo.so.7: cannot open shared object file: No such file");
        assertThat(NativeLibraries.explain("OpenCV", e)).contains("libfoo.so.7 is missing")
                .contains("install the package that provides it");
        NoClassDefFoundError n = new NoClassDefFoundError("Could not initialize class org.bytedeco.ffmpeg.global.avutil\n"
                + "second line");
        assertThat(NativeLibraries.explain("FFmpeg", n)).contains("Could not initialize class").doesNotContain("\n")
                .contains("javacpp.logger.debug");
    }

    @Test
    void theNativesOfThisBuildLoadHere() {
        assertThat(NativeLibraries.check()).isEmpty();
    }
}
