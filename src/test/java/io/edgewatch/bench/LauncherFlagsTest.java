package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench measures the daemon as it is launched: its child JVMs get bin/edgewatch's flags, and the shipped
 * service and image do not override bin/edgewatch's heap rule with a fixed -Xmx.
 */
class LauncherFlagsTest {
    @TempDir
    Path tmp;

    @Test
    void benchChildrenUseTheLaunchersFlags() throws Exception {
        String script = Files.readString(Path.of("bin/edgewatch"));
        int exec = script.lastIndexOf("exec ${EDGEWATCH_JAVA:-java}");
        assertThat(exec).as("bin/edgewatch's exec line").isPositive();
        String line = script.substring(exec, script.indexOf("io.edgewatch.cli.Main", exec)).replace("\\\n", " ");
        List<String> flags = new ArrayList<>();
        for (String t : line.split("\\s+")) {
            if (t.startsWith("-X") && !t.startsWith("\"-Xmx")) {
                flags.add(t);
            }
        }
        assertThat(flags).isEqualTo(ProbeLauncher.LAUNCHER_FLAGS);
        assertThat(line).contains("\"-Xmx${heap}m\"").contains("$daemon_opts");
        assertThat(script).contains("[ \"$sub\" = run ] && daemon_opts=\"" + String.join(" ", ProbeLauncher.DAEMON_FLAGS) + "\"");
    }

    /**
     * bin/edgewatch with EDGEWATCH_JAVA=echo prints the JVM command it would run. A copy beside an empty
     * edgewatch.jar: unit tests run before the jar is packaged, and the launcher refuses to start without one.
     */
    private List<String> launch(String... args) throws Exception {
        Path app = Files.createTempDirectory(tmp, "launcher");
        Files.createDirectories(app.resolve("bin"));
        Path script = Files.copy(Path.of("bin/edgewatch"), app.resolve("bin/edgewatch"));
        Files.createFile(app.resolve("edgewatch.jar"));
        List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("EDGEWATCH_JAVA", "echo");
        pb.environment().remove("EDGEWATCH_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return Arrays.asList(out.split("\\s+"));
    }

    @Test
    void onlyTheDaemonRunsWithC1AndTheOfflineToolsKeepC2() throws Exception {
        assertThat(launch("run", "--config", "config/edgewatch.yaml")).containsAll(ProbeLauncher.DAEMON_FLAGS);
        assertThat(launch("--debug", "run")).containsAll(ProbeLauncher.DAEMON_FLAGS);
        assertThat(launch("models", "quantize", "--help")).doesNotContainAnyElementsOf(ProbeLauncher.DAEMON_FLAGS)
                .containsAll(ProbeLauncher.LAUNCHER_FLAGS);
        assertThat(launch("bench", "--help")).doesNotContainAnyElementsOf(ProbeLauncher.DAEMON_FLAGS);
    }

    @Test
    void serviceAndImageKeepTheHeapRule() throws Exception {
        for (String f : List.of("systemd/edgewatch.service", "docker/Dockerfile")) {
            List<String> opts = Arrays.stream(Files.readString(Path.of(f)).split("\n"))
                    .filter(l -> l.contains("EDGEWATCH_JAVA_OPTS")).toList();
            assertThat(opts).as(f).isNotEmpty().noneMatch(l -> l.contains("-Xmx"));
        }
    }
}
