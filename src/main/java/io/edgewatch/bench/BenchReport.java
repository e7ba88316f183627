package io.edgewatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes bench.json, bench.md and the PNG charts into the output directory. */
public final class BenchReport {
    private BenchReport() {}

    public static void write(BenchResults r, Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("bench.json").toFile(), r);
        BenchCharts.write(r, dir);
        Files.writeString(dir.resolve("bench.md"), markdown(r));
    }

    static String markdown(BenchResults r) {
        StringBuilder m = new StringBuilder("# edgewatch bench\n\n");
        BenchResults.Machine h = r.machine();
        m.append(f("%s, %d cores, %s, %s; load average %s at start, %s at end.%n%n", h.cpu(), h.cores(), h.java(),
                h.os(), h.loadAtStart(), h.loadAtEnd()));
        m.append("## Targets\n\n").append(targets(r));
        m.append("\n## Runtimes (interleaved, same input frame)\n\n![runtimes](runtimes.png)\n\n")
                .append("| runtime | threads | p50 ms | p90 ms | mean ms | n | error |\n|---|---|---|---|---|---|---|\n");
        for (RuntimeBench.Result x : r.runtimes()) {
            m.append(f("| %s | %d | %.1f | %.1f | %.1f | %d | %s |%n", x.runtime(), x.threads(), x.latencyMs().p50(),
                    x.latencyMs().p90(), x.latencyMs().mean(), x.latencyMs().n(), x.error() == null ? "" : x.error()));
        }
        m.append(nominal(r));
        m.append("\n## Scale and memory\n\n![scale](scale.png)\n\n![memory](memory.png)\n\n")
                .append("| cameras | detect fps each | CPU % of machine | served | stale skips | e2e p50 ms | e2e p99 ms "
                        + "| RSS MB | heap used MB | heap committed MB | NMT committed MB | within budget |\n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (ProbeResult s : r.scale()) {
            double nmt = s.nativeMemory() == null ? Double.NaN : s.nativeMemory().committedMb();
            m.append(f("| %d | %.1f | %.0f | %d/%.0f | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |%n",
                    s.cameras(), s.detectFps(), 100 * s.cpuOfMachine(), s.detected(), s.requested(), s.skippedStale(),
                    s.endToEndMs().p50(), s.endToEndMs().p99(), s.rssMb(), s.heapUsedMb(), s.heapCommittedMb(), nmt,
                    Targets.withinBudget(s) ? "yes" : "no"));
        }
        if (r.outboxWrites() != null) {
            m.append(OutboxWearBench.markdown(r.outboxWrites()));
        }
        return m.toString();
    }

    /** The targets with what was measured and met/missed, as a markdown table (also printed by the CLI). */
    public static String targets(BenchResults r) {
        StringBuilder m = new StringBuilder("| target | goal | measured | met |\n|---|---|---|---|\n");
        for (BenchResults.Target t : r.targets()) {
            m.append(f("| %s | %s | %s | %s |%n", t.name(), t.goal(), t.measured(),
                    t.met() == null ? "n/a" : t.met() ? "yes" : "**no**"));
        }
        return m.toString();
    }

    /** Floor vs daemon and end-to-end latency of the nominal runs: external broker first, embedded second. */
    static String nominal(BenchResults r) {
        StringBuilder m = new StringBuilder();
        m.append("\n## Floor vs daemon (1 camera, nominal load)\n\nThe floor's parts are measured during each daemon "
                + "run's window, in bursts of a few unpaced decodes and back-to-back inferences after a frame's events "
                + "arrived (at most one every 2 s), so that the floor and the run see the same machine (the rows "
                + "below: during the embedded-broker run).\n\n| | CPU ms | wall ms |\n|---|---|---|\n");
        m.append(f("| decode one frame (%d frames) | %.2f | %.2f |%n", r.decode().count(), r.decode().cpuMs(),
                r.decode().wallMs()));
        m.append(f("| decode one frame, no colour conversion (%d frames) | %.2f | %.2f |%n", r.decodeOnly().count(),
                r.decodeOnly().cpuMs(), r.decodeOnly().wallMs()));
        m.append(f("| inference (int8, %d runs) | %.2f | %.2f |%n", r.inference().count(), r.inference().cpuMs(),
                r.inference().wallMs()));
        m.append(floorRow(Targets.EXTERNAL, r.floorExternal())).append(floorRow(Targets.EMBEDDED, r.floor()));
        m.append(f("%nThe external broker's own CPU is another process's and not counted.%n"));
        if (r.nominalExternal() != null) {
            m.append("\n### External broker\n").append(cpuBreakdown(r.nominalExternal()));
        }
        m.append("\n### Embedded broker\n").append(cpuBreakdown(r.nominal()));
        m.append(f("%n## End-to-end latency (frame time-stamp -> MQTT receive)%n%n"));
        if (r.nominalExternal() != null) {
            m.append(latency(Targets.EXTERNAL, r.nominalExternal(), r.floorExternal()));
        }
        m.append(latency(Targets.EMBEDDED, r.nominal(), r.floor()));
        return m.toString();
    }

    private static String floorRow(String broker, BenchResults.Floor fl) {
        if (fl == null) {
            return f("| %s run | not measured | |%n", broker);
        }
        return f("| %s run: floor per processed frame (%.2f decodes + 1 inference) | %.2f | |%n"
                + "| %s run: daemon per processed frame | %.2f (overhead **%.2fx**) | |%n"
                + "| %s run: stricter floor, only the processed frame converted to BGR | %.2f (overhead %.2fx) | |%n",
                broker, fl.decodedPerDetection(), fl.floorCpuMs(), broker, fl.daemonCpuMs(), fl.overhead(), broker,
                fl.strictFloorCpuMs(), fl.strictOverhead());
    }

    private static String latency(String broker, ProbeResult n, BenchResults.Floor fl) {
        return f("- %s (%d events): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; floor (decode + inference "
                + "wall) %.1f ms; daemon inference p50 %.1f ms, preprocess p50 %.2f ms. Of that, frame -> handed to "
                + "MQTT: p50 %.0f ms, p99 %.0f ms (the rest is publish + broker + delivery).%n", broker, n.events(),
                n.endToEndMs().p50(), n.endToEndMs().p90(), n.endToEndMs().p99(), n.endToEndMs().max(),
                fl.floorLatencyMs(), n.inferenceMs().p50(), n.preprocessMs().p50(), pub(n).p50(), pub(n).p99());
    }

    /** Where the daemon's CPU went, per processed frame, by thread group (largest first, tiny groups folded). */
    static String cpuBreakdown(ProbeResult n) {
        if (n.cpuByThreads() == null || n.detected() == 0) {
            return "";
        }
        StringBuilder m = new StringBuilder("\n| daemon thread group | CPU ms per processed frame |\n|---|---|\n");
        double small = 0;
        for (var e : n.cpuByThreads().entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).toList()) {
            double ms = e.getValue() * 1000 / n.detected();
            if (ms < 0.05) {
                small += ms;
            } else {
                m.append(f("| %s | %.2f |%n", e.getKey(), ms));
            }
        }
        return m.append(f("| (others, each < 0.05) | %.2f |%n", small)).toString();
    }

    private static Percentiles pub(ProbeResult n) {
        return n.frameToPublishMs() == null ? Percentiles.ofMillis(new double[0]) : n.frameToPublishMs();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
