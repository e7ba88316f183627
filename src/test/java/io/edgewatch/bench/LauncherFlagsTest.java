package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench measures the daemon as it is launched: its child JVMs get bin/edgewatch's flags, and the shipped
 * service and image do not override bin/edgewatch's heap rule with a fixed -Xmx.
 */
class LauncherFlagsTest {
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
        assertThat(line).contains("\"-Xmx${heap}m\"").contains("$daemon_jit");
        assertThat(script).contains("[ \"${1:-}\" = run ] && daemon_jit=\"" + String.join(" ", ProbeLauncher.DAEMON_FLAGS) + "\"");
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
