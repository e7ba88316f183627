package io.edgewatch.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per Java thread, grouped by pipeline stage from the thread names the daemon gives its threads. The
 * JVM's own threads, which {@code ThreadMXBean} does not list, are read from {@code /proc/self/task} by their
 * names: the JIT compilers ({@link #JIT}) and the VM thread, GC and periodic tasks ({@link #GC_VM}). What is
 * left is threads that native code started (FFmpeg, ONNX Runtime or OpenCV pools) and threads that ended.
 */
final class ThreadCpu {
    static final String NATIVE = "native+other";
    static final String JIT = "jvm:jit";
    static final String GC_VM = "jvm:gc+vm";
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {}

    /** Thread id → CPU nanos of every live Java thread that has a reading. */
    static Map<Long, Long> sample(Map<Long, String> names) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> out = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = mx.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                out.put(info.getThreadId(), cpu);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return out;
    }

    /**
     * CPU seconds per group between two samples (threads started in between count from zero), with the JVM's
     * hidden threads from two {@link #jvmTasks()} samples split out of what the Java threads do not explain.
     */
    static Map<String, Double> byGroup(Map<Long, Long> a, Map<Long, Long> b, Map<Long, String> names,
                                       Map<String, Long> tasksA, Map<String, Long> tasksB,
                                       double processCpuSeconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        double java = 0;
        for (Map.Entry<Long, Long> e : b.entrySet()) {
            double s = (e.getValue() - a.getOrDefault(e.getKey(), 0L)) / 1e9;
            java += s;
            out.merge(group(names.get(e.getKey())), s, Double::sum);
        }
        double jvm = 0;
        for (Map.Entry<String, Long> e : tasksB.entrySet()) {
            double s = (e.getValue() - tasksA.getOrDefault(e.getKey(), 0L)) / 1e9;
            String g = jvmGroup(comm(e.getKey()));
            if (g != null && s > 0) {
                jvm += s;
                out.merge(g, s, Double::sum);
            }
        }
        out.put(NATIVE, Math.max(0, processCpuSeconds - java - jvm));
        return out;
    }

    /**
     * The JVM's hidden threads now: "tid comm" → CPU nanos from {@code /proc/self/task/<tid>/schedstat}
     * (nanoseconds; {@code stat}'s clock ticks where schedstat is missing). Empty where /proc is not Linux's.
     */
    static Map<String, Long> jvmTasks() {
        Map<String, Long> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                try {
                    String comm = Files.readString(t.resolve("comm")).strip();
                    if (jvmGroup(comm) == null) {
                        continue;
                    }
                    out.put(t.getFileName() + " " + comm, cpuNanos(t));
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    private static long cpuNanos(Path task) throws IOException {
        Path schedstat = task.resolve("schedstat");
        if (Files.isReadable(schedstat)) {
            return Long.parseLong(Files.readString(schedstat).strip().split("\\s+")[0]);
        }
        String stat = Files.readString(task.resolve("stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L; // utime + stime, USER_HZ = 100
    }

    private static String comm(String key) {
        return key.substring(key.indexOf(' ') + 1);
    }

    /** HotSpot's own threads (names as Linux shows them: 15 characters). */
    static String jvmGroup(String comm) {
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (comm.equals("VM Thread") || comm.startsWith("GC Thread") || comm.equals("VM Periodic Tas")
                || comm.equals("Sweeper thread") || comm.equals("Monitor Deflati") || comm.equals("Service Thread")
                || comm.startsWith("G1 ")) {
            return GC_VM;
        }
        return null;
    }

    static String group(String name) {
        if (name == null) {
            return "other";
        }
        if (name.equals("detect")) {
            return "detect";
        }
        if (name.startsWith("ingest-")) {
            return "ingest";
        }
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.contains("mqtt") || n.contains("paho")) {
            return "mqtt-clients";
        }
        if (n.contains("hivemq") || n.contains("netty") || n.contains("eventloop") || n.contains("single-writer")) {
            return "broker";
        }
        return "java:" + name.replaceAll("\\d+", "#");
    }
}
