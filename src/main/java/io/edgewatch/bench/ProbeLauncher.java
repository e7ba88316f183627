package io.edgewatch.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgewatch.config.ConfigException;
import io.edgewatch.config.ConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DaemonProbe} in a fresh child JVM (own heap, own JIT, NMT on) so each camera count is measured alone,
 * then reads native memory with {@code jcmd <pid> VM.native_memory summary} while the daemon still runs.
 */
final class ProbeLauncher {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeLauncher.class);
    /** The child JVM's entry point; named, not imported: bench never depends on cli. */
    static final String PROBE_MAIN = "io.edgewatch.cli.DaemonProbeMain";
    private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    private static final Pattern HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

    /** bin/edgewatch's JVM flags besides -Xmx, in its order (LauncherFlagsTest holds the two together). */
    static final List<String> LAUNCHER_FLAGS = List.of("-Xss4m", "-XX:+UseSerialGC", "-Xms16m",
            "-XX:MaxDirectMemorySize=128m", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m",
            "-XX:-UsePerfData");
    /**
     * What bin/edgewatch adds for {@code run}, the daemon: C1 only, compiling early, unused heap and native memory
     * given back.
     */
    static final List<String> DAEMON_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.3",
            "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:TrimNativeHeapInterval=10000");

    private final Path outDir;
    private final String heap;

    ProbeLauncher(Path outDir, String heap) {
        this.outDir = outDir;
        this.heap = heap;
    }

    /** bin/edgewatch's heap cap: 96 MB + 24 MB per camera, at most 512 MB; or the fixed --child-heap. */
    String heapFor(int cameras) {
        return "auto".equals(heap) ? Math.min(512, 96 + 24 * cameras) + "m" : heap;
    }

    ProbeResult run(ProbeConfig config, double warmupS, double measureS) throws IOException, InterruptedException {
        return run(config, warmupS, measureS, null);
    }

    /**
     * Runs one probe; {@code floor} (may be null) samples the floor during the measuring window, each burst right
     * after an event arrived at the bench's subscriber.
     */
    ProbeResult run(ProbeConfig config, double warmupS, double measureS, FloorSampler floor)
            throws IOException, InterruptedException {
        Path cfg = config.write(outDir);
        Path log = outDir.resolve(config.label() + ".log");
        Path javaHome = Path.of(System.getProperty("java.home"));
        // bin/edgewatch's settings, with the heap cap from --child-heap (auto: bin/edgewatch's rule) and, as there,
        // EDGEWATCH_JAVA_OPTS last (how an A/B of JVM settings is run).
        List<String> cmd = new ArrayList<>();
        cmd.add(javaHome.resolve("bin/java").toString());
        cmd.addAll(LAUNCHER_FLAGS);
        cmd.addAll(DAEMON_FLAGS);
        cmd.addAll(List.of("-Xmx" + heapFor(config.cameras()), "-XX:NativeMemoryTracking=summary",
                "-Dlogback.configurationFile=edgewatch-logback.xml"));
        String extra = System.getenv("EDGEWATCH_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PROBE_MAIN, cfg.toString(),
                Double.toString(warmupS), Double.toString(measureS), "--hold"));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        LatencySubscriber subscriber = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = p.getOutputStream()) {
            ProbeResult result = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith(DaemonProbe.PREFIX)) {
                    continue;
                }
                String body = line.substring(DaemonProbe.PREFIX.length());
                if (body.startsWith(DaemonProbe.BROKER)) {
                    subscriber = subscribe(cfg, body.substring(DaemonProbe.BROKER.length()));
                    continue;
                }
                if (body.equals(DaemonProbe.MEASURING)) {
                    if (subscriber != null) {
                        subscriber.reset();
                    }
                    if (floor != null) {
                        if (subscriber != null) {
                            subscriber.onEvent(floor::eventArrived);
                        }
                        floor.start();
                    }
                    continue;
                }
                if (!"READY".equals(body)) {
                    if (floor != null) {
                        floor.stop();
                    }
                    result = mapper().readValue(body, ProbeResult.class);
                    if (subscriber == null) {
                        result = result.withLatency(new long[0], new long[0]);
                    } else {
                        result = result.withLatency(subscriber.endToEndNanos(), subscriber.frameToPublishNanos());
                        subscriber.close(); // before the child stops its broker
                        subscriber = null;
                    }
                    continue;
                }
                if (result != null) {
                    result = result.withNativeMemory(nativeMemory(javaHome, p.pid()));
                }
                in.write('\n');
                in.flush();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroy();
            }
            if (result == null) {
                throw new IOException("daemon probe with " + config.cameras() + " camera(s) printed no result (exit "
                        + (p.isAlive() ? "?" : p.exitValue()) + "), see " + log);
            }
            return result;
        } finally {
            if (floor != null) {
                floor.stop();
            }
            if (subscriber != null) {
                subscriber.close();
            }
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    /** The bench's subscriber on the probed daemon's broker; null (and one warning) if it cannot connect. */
    private static LatencySubscriber subscribe(Path config, String brokerUrl) {
        try {
            return new LatencySubscriber(ConfigLoader.load(config).mqtt(), brokerUrl);
        } catch (MqttException | ConfigException | RuntimeException e) {
            LOG.warn("cannot subscribe to {} ({}): no latency figures for this run", brokerUrl, e.getMessage());
            return null;
        }
    }

    static ProbeResult.NativeMemory nativeMemory(Path javaHome, long pid) {
        Path jcmd = javaHome.resolve("bin/jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return parseNmt(text);
        } catch (IOException e) {
            return new ProbeResult.NativeMemory(Double.NaN, Double.NaN, Double.NaN, "jcmd failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeResult.NativeMemory(Double.NaN, Double.NaN, Double.NaN, "interrupted");
        }
    }

    static ProbeResult.NativeMemory parseNmt(String text) {
        Matcher t = TOTAL.matcher(text);
        if (!t.find()) {
            String head = text.length() > 200 ? text.substring(0, 200) : text;
            return new ProbeResult.NativeMemory(Double.NaN, Double.NaN, Double.NaN, "no NMT total in: " + head.strip());
        }
        Matcher h = HEAP.matcher(text);
        double heap = h.find() ? Long.parseLong(h.group(2)) / 1024.0 : Double.NaN;
        return new ProbeResult.NativeMemory(Long.parseLong(t.group(1)) / 1024.0, Long.parseLong(t.group(2)) / 1024.0,
                heap, null);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * The daemon configuration of one probe: N looped cameras on the same clip or stream, and the embedded broker
     * ({@code brokerUrl} null) or an external one.
     */
    record ProbeConfig(int cameras, double detectFps, Path model, int threads, String url, String brokerUrl) {
        ProbeConfig(int cameras, double detectFps, Path model, int threads, String url) {
            this(cameras, detectFps, model, threads, url, null);
        }

        ProbeConfig(int cameras, double detectFps, Path model, int threads, Path clip) {
            this(cameras, detectFps, model, threads, clip.toAbsolutePath().toString());
        }

        /** The same probe against the broker at {@code url}. */
        ProbeConfig withBroker(String url) {
            return new ProbeConfig(cameras, detectFps, model, threads, this.url, url);
        }

        Path write(Path dir) throws IOException {
            StringBuilder y = new StringBuilder();
            y.append("device: {name: bench}\nlogging: {level: warn}\n");
            y.append("model: {path: ").append(quote(model)).append(", threads: ").append(threads)
                    .append(", input_size: 416}\n");
            y.append(brokerUrl == null ? "mqtt: {url: \"\", embedded_host: 127.0.0.1, embedded_port: 0, qos: 1}\n"
                    : "mqtt: {url: " + quote(brokerUrl) + ", qos: 1}\n");
            y.append("metrics: {enabled: false}\ncameras:\n");
            for (int i = 1; i <= cameras; i++) {
                y.append(String.format(Locale.ROOT, "  - {name: cam%d, url: %s, loop: true, detect_fps: %s}%n", i,
                        quote(url), detectFps));
            }
            Path f = dir.resolve(label() + ".yaml");
            Files.writeString(f, y.toString());
            return f;
        }

        String label() {
            return String.format(Locale.ROOT, "probe-%dcam-%sfps%s%s", cameras, detectFps,
                    url.startsWith("rtsp:") ? "-rtsp" : "", brokerUrl == null ? "" : "-external-broker");
        }

        private static String quote(Path p) {
            return quote(p.toAbsolutePath().toString());
        }

        private static String quote(String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }
}
