package io.edgewatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time per Java thread, grouped by pipeline stage from the thread names the daemon gives its threads. What
 * the process used beyond all Java threads is GC, JIT and native-only threads (e.g. FFmpeg or ORT pools).
 */
final class ThreadCpu {
    static final String NATIVE = "jvm-internal+native";
    /** The bench's own MQTT subscriber: measured, but not daemon work. */
    static final String SUBSCRIBER = "bench-subscriber";

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

    /** CPU seconds per group between two samples; threads started in between count from zero. */
    static Map<String, Double> byGroup(Map<Long, Long> a, Map<Long, Long> b, Map<Long, String> names,
                                       double processCpuSeconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        double java = 0;
        for (Map.Entry<Long, Long> e : b.entrySet()) {
            double s = (e.getValue() - a.getOrDefault(e.getKey(), 0L)) / 1e9;
            java += s;
            out.merge(group(names.get(e.getKey())), s, Double::sum);
        }
        out.put(NATIVE, Math.max(0, processCpuSeconds - java));
        return out;
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
        if (n.contains(SUBSCRIBER)) {
            return SUBSCRIBER;
        }
        if (n.contains("mqtt") || n.contains("paho")) {
            return "mqtt-clients";
        }
        if (n.contains("hivemq") || n.contains("netty") || n.contains("eventloop") || n.contains("single-writer")) {
            return "broker";
        }
        return "java:" + name.replaceAll("\\d+", "#");
    }
}
