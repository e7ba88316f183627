package io.edgewatch.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/fleet.md shows the ACL and sample consumer that the integration tests actually run. */
class FleetDocsTest {
    @Test
    void documentedAclIsTheTestedOne() throws Exception {
        String doc = Files.readString(Path.of("docs/fleet.md"));
        int start = doc.indexOf("ACL:\n```\n");
        assertThat(start).as("ACL block in docs/fleet.md").isPositive();
        int body = start + "ACL:\n```\n".length();
        assertThat(doc.substring(body, doc.indexOf("```", body))).isEqualTo(FleetAcl.ACL);
    }

    @Test
    void documentedShellConsumerIsTheTestedScript() throws Exception {
        String doc = Files.readString(Path.of("docs/fleet.md"));
        String script = Files.readString(ShellConsumer.SCRIPT);
        String subscribe = script.lines().filter(l -> l.startsWith("stdbuf -oL mosquitto_sub")).findFirst().orElseThrow();
        assertThat(doc).contains(subscribe).contains("examples/fleet-consumer.sh");
        assertThat(Files.isExecutable(ShellConsumer.SCRIPT)).isTrue();
    }
}
