package io.edgewatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets of issues 8 (runtimes) and 16 (pipeline cost), checked against one run's figures. */
final class Targets {
    /** A camera count holds the budget when the schedule is served and latency and CPU stay bounded. */
    static final double MIN_SERVED = 0.95;
    static final double MAX_CPU_OF_MACHINE = 0.90;
    static final double MAX_E2E_P99_MS = 1000;
    /** Issue 16: daemon CPU per processed frame over the decode + inference floor. */
    static final double MAX_OVERHEAD = 1.30;
    /** Issue 16: end-to-end p99 over (decode + inference wall) at nominal load. */
    static final double MAX_E2E_RATIO = 2.0;
    /** Issue 16: RSS at 4 cameras. */
    static final double MAX_RSS_4_CAMERAS_MB = 300;

    static final String EXTERNAL = "external broker";
    static final String EMBEDDED = "embedded broker";
    private static final String NOT_MEASURED = "not measured (" + ExternalBroker.BINARY + " not installed)";

    private Targets() {}

    /**
     * @param floorExternal   floor of the external-broker run, null when it was not measured
     * @param nominalExternal the external-broker run, null when it was not measured
     */
    static List<BenchResults.Target> evaluate(List<RuntimeBench.Result> runtimes, BenchResults.Floor floor,
                                              ProbeResult nominal, BenchResults.Floor floorExternal,
                                              ProbeResult nominalExternal, List<ProbeResult> scale) {
        List<BenchResults.Target> out = new ArrayList<>();
        for (RuntimeBench.Result i8 : runtimes) {
            if (!i8.runtime().equals("ort-int8")) {
                continue;
            }
            RuntimeBench.Result cv = find(runtimes, "opencv-dnn-fp32", i8.threads());
            Double ratio = cv == null || cv.error() != null || i8.error() != null ? null
                    : cv.latencyMs().p50() / i8.latencyMs().p50();
            out.add(new BenchResults.Target("int8 vs OpenCV DNN, " + i8.threads() + " thread(s)",
                    "ORT int8 >= 2x faster than OpenCV DNN fp32 (p50)",
                    ratio == null ? "not measured" : fmt("%.2fx", ratio), ratio == null ? null : ratio >= 2.0));
        }
        // External broker first: that is how the daemon is deployed and what the issue 16 targets are for.
        out.add(overhead(EXTERNAL, floorExternal));
        out.add(overhead(EMBEDDED, floor));
        out.add(endToEnd(EXTERNAL, floorExternal, nominalExternal));
        out.add(endToEnd(EMBEDDED, floor, nominal));
        int largest = largestWithinBudget(scale);
        int tried = scale.stream().mapToInt(ProbeResult::cameras).max().orElse(0);
        out.add(new BenchResults.Target("cameras within budget", ">= 8 cameras at the scale detect fps",
                largest + " (largest tried " + tried + ")", tried < 8 && largest == tried ? null : largest >= 8));
        ProbeResult four = scale.stream().filter(r -> r.cameras() == 4).findFirst().orElse(null);
        out.add(new BenchResults.Target("RSS at 4 cameras", "<= " + (int) MAX_RSS_4_CAMERAS_MB + " MB",
                four == null ? "not measured" : fmt("%.0f MB", four.rssMb()), four == null ? null : four.rssMb() <= MAX_RSS_4_CAMERAS_MB));
        return out;
    }

    private static BenchResults.Target overhead(String broker, BenchResults.Floor floor) {
        String name = "overhead, " + broker;
        String goal = "daemon CPU per processed frame <= " + MAX_OVERHEAD + "x decode+inference floor";
        if (floor == null) {
            return new BenchResults.Target(name, goal, NOT_MEASURED, null);
        }
        return new BenchResults.Target(name, goal,
                fmt("%.2fx (%.1f ms vs %.1f ms)", floor.overhead(), floor.daemonCpuMs(), floor.floorCpuMs()),
                Double.isNaN(floor.overhead()) ? null : floor.overhead() <= MAX_OVERHEAD);
    }

    private static BenchResults.Target endToEnd(String broker, BenchResults.Floor floor, ProbeResult run) {
        String name = "end-to-end p99, " + broker;
        String goal = "<= " + MAX_E2E_RATIO + "x (decode + inference) at nominal load";
        if (floor == null || run == null) {
            return new BenchResults.Target(name, goal, NOT_MEASURED, null);
        }
        double p99 = run.endToEndMs().p99();
        return new BenchResults.Target(name, goal,
                fmt("%.0f ms = %.2fx of %.1f ms", p99, p99 / floor.floorLatencyMs(), floor.floorLatencyMs()),
                Double.isNaN(p99) ? null : p99 <= MAX_E2E_RATIO * floor.floorLatencyMs());
    }

    static boolean withinBudget(ProbeResult r) {
        return r.detected() >= MIN_SERVED * r.requested() && r.cpuOfMachine() <= MAX_CPU_OF_MACHINE
                && !(r.endToEndMs().p99() > MAX_E2E_P99_MS);
    }

    /** Largest camera count that holds the budget together with every smaller count tried (no lucky outliers). */
    static int largestWithinBudget(List<ProbeResult> scale) {
        int best = 0;
        for (ProbeResult r : scale.stream().sorted(java.util.Comparator.comparingInt(ProbeResult::cameras)).toList()) {
            if (!withinBudget(r)) {
                break;
            }
            best = r.cameras();
        }
        return best;
    }

    private static RuntimeBench.Result find(List<RuntimeBench.Result> rs, String runtime, int threads) {
        return rs.stream().filter(r -> r.runtime().equals(runtime) && r.threads() == threads).findFirst().orElse(null);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
