package io.edgewatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scores the shipped unit with `systemd-analyze security --offline=yes` (works without a running systemd;
 * .ci/setup installs systemd) and fails above an exposure of 3.0.
 */
class UnitSecurityIT {
    private static final Path UNIT = Path.of("systemd/edgewatch.service");
    private static final Pattern OVERALL = Pattern.compile("Overall exposure level for edgewatch\\.service: (\\d+\\.\\d)");

    @Test
    void exposureIsAtMostThree() throws Exception {
        Process p = new ProcessBuilder("systemd-analyze", "security", "--offline=yes", "--no-pager", UNIT.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher m = OVERALL.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as(out).isLessThanOrEqualTo(3.0);
    }

    @Test
    void noWriteExecuteBanBecauseTheJvmJits() throws Exception {
        String unit = Files.readString(UNIT);
        assertThat(unit).doesNotContainPattern("(?m)^MemoryDenyWriteExecute=yes").contains("# Not MemoryDenyWriteExecute");
    }
}
