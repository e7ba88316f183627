package io.edgewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** docs/benchmarks.md's options paragraph names every option of {@code edgewatch bench} and nothing else. */
class BenchDocsTest {
    private static final String START = "Options (`bin/edgewatch bench --help`):";

    @Test
    void theOptionsParagraphMatchesTheCommand() throws Exception {
        String doc = Files.readString(Path.of("docs/benchmarks.md"));
        int start = doc.indexOf(START);
        assertThat(start).as("docs/benchmarks.md has the bench options paragraph").isPositive();
        int end = doc.indexOf("\n\n", start);
        String paragraph = doc.substring(start, end < 0 ? doc.length() : end);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("`(--[a-z0-9-]+)").matcher(paragraph);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> options = new TreeSet<>();
        CommandLine bench = new CommandLine(new Main()).getSubcommands().get("bench");
        for (OptionSpec o : bench.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp() && !o.inherited()) {
                options.add(o.longestName());
            }
        }
        assertThat(documented).isEqualTo(options);
    }
}
