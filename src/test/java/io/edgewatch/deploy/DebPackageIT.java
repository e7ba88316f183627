package io.edgewatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb built by `mvn package` (jdeb, pom.xml): control fields, conffiles, contents, installed size
 * (at most 140 MiB), and a real install + purge with dpkg into a scratch directory. The arm64 package, when
 * .ci/arm64-smoke has built it into target/arm64, gets the same field and size checks.
 */
class DebPackageIT {
    private static final long MAX_INSTALLED_KIB = 140 * 1024;

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    static Path deb(Path dir, String arch) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("edgewatch_.+_" + arch + "\\.deb"))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + arch + " .deb in " + dir));
        }
    }

    static String field(Path deb, String name) throws Exception {
        return run("dpkg-deb", "-f", deb.toString(), name).strip();
    }

    static void checkControl(Path deb, String arch) throws Exception {
        assertThat(field(deb, "Package")).isEqualTo("edgewatch");
        assertThat(field(deb, "Architecture")).isEqualTo(arch);
        assertThat(field(deb, "Depends")).contains("openjdk-17-jre-headless (>= 17.0.9) | java17-runtime-headless")
                .contains("libc6 (>= 2.35)");
        if (arch.equals("arm64")) {
            assertThat(field(deb, "Depends")).contains("libva2", "libva-drm2", "libdrm2");
        }
        assertThat(field(deb, "Recommends")).isEqualTo("mosquitto");
        assertThat(Long.parseLong(field(deb, "Installed-Size"))).as("Installed-Size KiB").isBetween(20_000L, MAX_INSTALLED_KIB);
        assertThat(run("dpkg-deb", "-I", deb.toString(), "conffiles").strip()).isEqualTo("/etc/edgewatch/edgewatch.yaml");
    }

    @Test
    void hostPackageHasTheFilesFieldsAndSize() throws Exception {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        Path deb = deb(Path.of("target"), arch);
        checkControl(deb, arch);
        String contents = run("dpkg-deb", "-c", deb.toString());
        assertThat(contents).contains("./usr/lib/edgewatch/edgewatch.jar", "./usr/lib/edgewatch/lib/onnxruntime-",
                "./usr/lib/edgewatch/models/nanodet-m-416.int8.onnx", "./usr/lib/edgewatch/bin/edgewatch",
                "./usr/bin/edgewatch", "./lib/systemd/system/edgewatch.service",
                "./etc/edgewatch/edgewatch.yaml", "./usr/share/doc/edgewatch/deployment.md",
                "./usr/share/edgewatch/demo/vtest-people.mp4");
        assertThat(contents).as("the embedded broker stays out of the package").doesNotContain("hivemq", "rocksdb", "lib-broker");
        assertThat(run("dpkg-deb", "-I", deb.toString())).containsPattern("\\*\\s+postinst").containsPattern("\\*\\s+postrm")
                .containsPattern("\\*\\s+prerm");
    }

    @Test
    void installsAndPurgesInAScratchRoot(@TempDir Path root) throws Exception {
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        Path deb = deb(Path.of("target"), arch).toAbsolutePath();
        Path admin = root.resolve("var/lib/dpkg");
        Files.createDirectories(admin.resolve("info"));
        Files.createDirectories(admin.resolve("updates"));
        Files.writeString(admin.resolve("status"), "");
        List<String> dpkg = new ArrayList<>(List.of("dpkg", "--root=" + root, "--admindir=" + admin,
                "--force-script-chrootless", "--force-depends", "--force-not-root", "--log=/dev/null"));
        run(concat(dpkg, "-i", deb.toString()));
        assertThat(root.resolve("etc/edgewatch/edgewatch.yaml")).isRegularFile();
        assertThat(Files.readString(root.resolve("etc/edgewatch/edgewatch.yaml"))).contains("tcp://127.0.0.1:1883");
        assertThat(root.resolve("usr/lib/edgewatch/edgewatch.jar")).isRegularFile();
        assertThat(Files.readString(root.resolve("usr/bin/edgewatch"))).contains("exec /usr/lib/edgewatch/bin/edgewatch");
        assertThat(Files.isExecutable(root.resolve("usr/bin/edgewatch"))).isTrue();
        assertThat(run(concat(dpkg, "--status", "edgewatch"))).contains("Status: install ok installed")
                .contains("/etc/edgewatch/edgewatch.yaml");
        Path outbox = Files.createDirectories(root.resolve("var/lib/private/edgewatch")).resolve("outbox.db");
        Files.writeString(outbox, "x");
        run(concat(dpkg, "--remove", "edgewatch"));
        assertThat(root.resolve("etc/edgewatch/edgewatch.yaml")).as("remove keeps the conffile").isRegularFile();
        assertThat(outbox).as("remove keeps the outbox").exists();
        run(concat(dpkg, "--purge", "edgewatch"));
        assertThat(root.resolve("etc/edgewatch/edgewatch.yaml")).doesNotExist();
        assertThat(root.resolve("var/lib/private/edgewatch")).as("purge removes state").doesNotExist();
        assertThat(root.resolve("usr/lib/edgewatch")).doesNotExist();
    }

    @Test
    void crossBuiltArm64PackageHasArm64FieldsAndSize() throws Exception {
        Path dir = Path.of("target/arm64");
        if (Files.isDirectory(dir) && Files.list(dir).anyMatch(p -> p.toString().endsWith("_arm64.deb"))) {
            checkControl(deb(dir, "arm64"), "arm64");
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }
}
