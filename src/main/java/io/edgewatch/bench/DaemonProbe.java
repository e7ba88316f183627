package io.edgewatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.app.Daemon;
import io.edgewatch.config.ConfigLoader;
import io.edgewatch.config.EdgewatchConfig;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.util.TimeSource;
import io.edgewatch.schedule.CameraSlot;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Child-process entry point: runs the real {@link Daemon} on a config, prints {@code PROBE BROKER <url>} (the parent
 * subscribes there, {@link LatencySubscriber}), lets it warm up, prints {@code PROBE MEASURING}, measures one window
 * and prints {@code PROBE <json>} on stdout. With {@code --hold} it then waits for a line on stdin, so the parent can
 * read native memory (jcmd) from a still-running daemon. Usage: {@code DaemonProbe <config> <warmupS> <measureS>}.
 */
public final class DaemonProbe {
    static final String PREFIX = "PROBE ";
    static final String BROKER = "BROKER ";
    static final String MEASURING = "MEASURING";

    private DaemonProbe() {}

    /**
     * Runs the probe described by {@code args} ({@code <config> <warmupS> <measureS> [--hold]}), writing the
     * protocol lines to {@code out}; returns the process exit status. The child's {@code main} lives in
     * {@code cli.DaemonProbeMain} (only the cli touches standard streams).
     */
    public static int run(String[] args, PrintStream out, InputStream in) throws Exception {
        if (args.length < 3) {
            out.println("usage: DaemonProbe <config.yaml> <warmup-seconds> <measure-seconds> [--hold]");
            return 2;
        }
        EdgewatchConfig config = ConfigLoader.load(Path.of(args[0])); // relative paths: the config's directory
        ProbeResult r = measure(config, Double.parseDouble(args[1]), Double.parseDouble(args[2]), out, in,
                args.length > 3 && "--hold".equals(args[3]));
        return r.detected() > 0 ? 0 : 1;
    }

    static ProbeResult measure(EdgewatchConfig config, double warmupS, double measureS, PrintStream out,
                               InputStream in, boolean hold) throws Exception {
        TimeSource time = TimeSource.monotonicWall();
        Samples inference = new Samples();
        Samples preprocess = new Samples();
        try (Daemon daemon = Daemon.start(config, time)) {
            out.println(PREFIX + BROKER + daemon.brokerUrl());
            out.flush();
            daemon.detector().inferenceTiming().onLatency(inference::add);
            daemon.detector().preprocessTiming().onLatency(preprocess::add);
            TimeUnit.MILLISECONDS.sleep((long) (warmupS * 1000));
            Map<Long, String> names = new HashMap<>();
            Map<Long, Long> threads0 = ThreadCpu.sample(names);
            Map<String, Long> tasks0 = ThreadCpu.jvmTasks();
            Snapshot a = Snapshot.take(daemon);
            out.println(PREFIX + MEASURING);
            out.flush();
            inference.reset();
            preprocess.reset();
            TimeUnit.MILLISECONDS.sleep((long) (measureS * 1000));
            Snapshot b = Snapshot.take(daemon);
            Map<String, Double> byThread = ThreadCpu.byGroup(threads0, ThreadCpu.sample(names), names, tasks0,
                    ThreadCpu.jvmTasks(), (b.cpuNanos - a.cpuNanos) / 1e9);
            ProbeResult r = result(config, a, b, inference, preprocess, byThread);
            out.println(PREFIX + new ObjectMapper().writeValueAsString(r));
            out.flush();
            if (hold) {
                out.println(PREFIX + "READY");
                out.flush();
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            }
            return r;
        }
    }

    /** The daemon's side of one window; the latency fields are the parent's ({@link ProbeResult#withLatency}). */
    private static ProbeResult result(EdgewatchConfig config, Snapshot a, Snapshot b, Samples inference,
                                      Samples preprocess, Map<String, Double> byThread) {
        double seconds = (b.wallNanos - a.wallNanos) / 1e9;
        double cpu = (b.cpuNanos - a.cpuNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        double fps = config.cameras().stream().mapToDouble(c -> c.detectFps()).sum();
        return new ProbeResult(config.cameras().size(), config.cameras().get(0).detectFps(), seconds, cpu,
                cpu / (seconds * cores), b.decoded - a.decoded, b.detected - a.detected, fps * seconds,
                b.stale - a.stale, b.noFrame - a.noFrame, b.dropped - a.dropped, Percentiles.ofNanos(inference.get()),
                Percentiles.ofNanos(preprocess.get()), null, null, 0,
                MemoryStats.rssMb(), MemoryStats.heapUsedMb(), MemoryStats.heapCommittedMb(),
                ProcessHandle.current().pid(), byThread, null);
    }

    /** Counters of the whole daemon at one instant. */
    private record Snapshot(long wallNanos, long cpuNanos, long decoded, long dropped, long detected, long stale,
                            long noFrame) {
        static Snapshot take(Daemon d) {
            long decoded = 0;
            long dropped = 0;
            for (CameraIngest c : d.cameras()) {
                decoded += c.stats().framesDecoded();
                dropped += c.stats().framesDropped();
            }
            long detected = 0;
            long stale = 0;
            long noFrame = 0;
            for (CameraSlot s : d.slots()) {
                detected += s.detected();
                stale += s.skipped(CameraSlot.Skip.STALE);
                noFrame += s.skipped(CameraSlot.Skip.NO_FRAME); // no new frame when one was due
            }
            return new Snapshot(System.nanoTime(), MemoryStats.processCpuNanos(), decoded, dropped, detected, stale,
                    noFrame);
        }
    }
}
