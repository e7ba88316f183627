package io.edgewatch.bench;

import io.edgewatch.outbox.WriteCost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * SD-card wear row: bytes written per event into a real outbox, with per-event commits (what the daemon does) and
 * with group commit for comparison. The scratch files live under the output directory, so the figure is for the
 * filesystem the user chose (tmpfs would show 0 dirtied bytes), and are deleted afterwards. Well under a second
 * on an x86 box.
 */
final class OutboxWearBench {
    static final int EVENTS = 2000;
    static final int GROUP = 8;

    private OutboxWearBench() {}

    /** @return per-event commits first, then {@link #GROUP} events per commit */
    static List<WriteCost.Result> run(Path outDir) throws IOException {
        Path scratch = Files.createTempDirectory(outDir, "outbox-wear-");
        try {
            return List.of(WriteCost.measure(scratch.resolve("per-event.db"), EVENTS, 1),
                    WriteCost.measure(scratch.resolve("grouped.db"), EVENTS, GROUP));
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The bench.md section. */
    static String markdown(List<WriteCost.Result> rows) {
        StringBuilder m = new StringBuilder("\n## Outbox writes per event\n\n");
        m.append(String.format(java.util.Locale.ROOT, "%d events of 600 B appended to a fresh outbox (SQLite WAL, "
                + "synchronous=NORMAL) in the output directory; `wchar` = bytes passed to write(), `write_bytes` = "
                + "page-cache bytes dirtied (what reaches the disk; 0 on tmpfs), from /proc/self/io.%n%n", EVENTS));
        m.append("| commit policy | bytes written to disk per event (write_bytes) | bytes passed to write() per event "
                + "(wchar) |\n|---|---|---|\n");
        for (WriteCost.Result r : rows) {
            String policy = r.perCommit() == 1 ? "one transaction per event (the daemon)"
                    : "group commit, " + r.perCommit() + " events per transaction";
            m.append(String.format(java.util.Locale.ROOT, "| %s | %.0f | %.0f |%n", policy, r.writeBytesPerEvent(),
                    r.wcharPerEvent()));
        }
        return m.toString();
    }
}
