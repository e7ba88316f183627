package io.edgewatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Lists every native library in the runtime bundle (target/lib and target/lib-broker, built by `mvn package`
 * before this IT) and fails on one that is not for this machine's architecture: the strip-natives step in
 * pom.xml must have removed the other OSes' and CPUs' copies. An arm64 bundle built by .ci/arm64-smoke into
 * target/arm64 is checked against aarch64 the same way.
 */
class NativeBundleIT {
    private static final Pattern NATIVE = Pattern.compile(".*\\.(so(\\.\\d+)*|dll|dylib|jnilib)$");

    /** Path fragments that mark a native as built for the given Linux architecture, in each jar's own naming. */
    static List<String> markers(String arch) {
        return switch (arch) {
            case "amd64", "x86_64" -> List.of("linux-x86_64", "linux-x64", "linux/x86_64", "linux-x86-64",
                    "librocksdbjni-linux64.so");
            case "aarch64", "arm64" -> List.of("linux-arm64", "linux-aarch64", "linux/aarch64");
            default -> throw new IllegalArgumentException("unsupported architecture " + arch);
        };
    }

    /** True when a native library path inside a jar is not for the given architecture (or not glibc Linux). */
    static boolean foreign(String entry, String arch) {
        String p = entry.toLowerCase(Locale.ROOT);
        if (p.contains("musl") || p.contains("android")) {
            return true;
        }
        return markers(arch).stream().noneMatch(p::contains);
    }

    static List<String> natives(Path libDir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> jars = Files.list(libDir)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                        String name = e.nextElement().getName();
                        if (NATIVE.matcher(name).matches()) {
                            out.add(jar.getFileName() + "!" + name);
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void classifierSeesForeignNatives() {
        assertThat(foreign("ai/onnxruntime/native/linux-x64/libonnxruntime.so", "amd64")).isFalse();
        assertThat(foreign("ai/onnxruntime/native/linux-aarch64/libonnxruntime.so", "amd64")).isTrue();
        assertThat(foreign("org/sqlite/native/Linux-Musl/x86_64/libsqlitejdbc.so", "amd64")).isTrue();
        assertThat(foreign("com/sun/jna/win32-x86-64/jnidispatch.dll", "amd64")).isTrue();
        assertThat(foreign("librocksdbjni-linux-aarch64.so", "arm64")).isFalse();
        assertThat(foreign("librocksdbjni-linux64.so", "arm64")).isTrue();
        assertThat(foreign("org/bytedeco/ffmpeg/linux-arm64/libavutil.so.59", "arm64")).isFalse();
    }

    @Test
    void hostBundleHasOnlyThisArchitecturesNatives() throws IOException {
        checkBundle(Path.of("target"), System.getProperty("os.arch"));
    }

    @Test
    void crossBuiltArm64BundleHasOnlyAarch64Natives() throws IOException {
        Path arm = Path.of("target/arm64");
        if (Files.isDirectory(arm.resolve("lib"))) {
            checkBundle(arm, "aarch64");
        }
    }

    private static void checkBundle(Path buildDir, String arch) throws IOException {
        List<String> all = new ArrayList<>(natives(buildDir.resolve("lib")));
        assertThat(all).as("natives in %s/lib", buildDir)
                .anyMatch(n -> n.contains("onnxruntime")).anyMatch(n -> n.contains("libavutil"))
                .anyMatch(n -> n.contains("sqlite")).anyMatch(n -> n.contains("jnidispatch"));
        if (Files.isDirectory(buildDir.resolve("lib-broker"))) {
            all.addAll(natives(buildDir.resolve("lib-broker")));
        }
        assertThat(all.stream().filter(n -> foreign(n.substring(n.indexOf('!') + 1), arch)).toList())
                .as("foreign natives in %s (%s)", buildDir, arch).isEmpty();
    }
}
