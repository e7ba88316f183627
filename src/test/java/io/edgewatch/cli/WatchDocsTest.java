package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/cli.md documents every option of {@code edgewatch watch} and nothing it does not have. */
class WatchDocsTest {
    @Test
    void everyWatchOptionIsInTheDocsTableAndBack() throws Exception {
        String doc = Files.readString(Path.of("docs/cli.md"));
        int start = doc.indexOf("## watch\n");
        assertThat(start).as("docs/cli.md has a ## watch section").isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        String section = doc.substring(start, end < 0 ? doc.length() : end);
        CommandLine watch = new CommandLine(new Main()).getSubcommands().get("watch");
        assertThat(watch).as("watch is registered").isNotNull();
        for (OptionSpec o : watch.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp() || o.inherited()) { // --debug comes from the top command
                continue;
            }
            assertThat(section).as("docs for " + o.longestName()).contains("`" + o.longestName());
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\| `(--[a-z-]+)", java.util.regex.Pattern.MULTILINE)
                .matcher(section);
        while (m.find()) {
            assertThat(watch.getCommandSpec().findOption(m.group(1))).as("documented option " + m.group(1) + " exists")
                    .isNotNull();
        }
    }
}
