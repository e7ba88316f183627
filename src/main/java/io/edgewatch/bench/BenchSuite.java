package io.edgewatch.bench;

import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.outbox.WriteCost;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs the stages of the benchmark in order and collects their results; progress lines go to a consumer. */
public final class BenchSuite {
    static final int INPUT_SIZE = 416;
    /** A frame with people in it (vtest-people.mp4), the shared input of the runtime comparison. */
    static final int SAMPLE_FRAME = 50;

    private final BenchSettings settings;
    private final Consumer<String> progress;

    public BenchSuite(BenchSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public BenchResults run() throws Exception {
        Files.createDirectories(settings.outDir());
        String load0 = loadAverage();
        progress.accept("machine: " + Runtime.getRuntime().availableProcessors() + " cores, load " + load0);
        FrameSource.Picture picture = SampleFrames.picture(settings.clip(), SAMPLE_FRAME);
        FloatBuffer input = SampleFrames.input(picture, INPUT_SIZE);

        progress.accept("1/5 runtimes: ORT int8 vs ORT fp32 vs OpenCV DNN fp32, threads " + settings.threads());
        VideoFrame frame = new VideoFrame("bench", SAMPLE_FRAME, 0, Instant.EPOCH, picture.width(), picture.height(),
                picture.bgr());
        List<RuntimeBench.Result> runtimes = new RuntimeBench(settings.int8Model(), settings.fp32Model(), INPUT_SIZE,
                !settings.skipOpenCv(), settings.models(), frame, progress)
                .run(input, settings.threads(), settings.warmup(), settings.rounds());

        progress.accept("2/5 floor: decode-only and inference-only");
        floorCosts(input); // on its own, before any probe: printed, and the code is compiled for the samples

        ProbeLauncher launcher = new ProbeLauncher(settings.outDir(), settings.childHeap());
        progress.accept("3/5 daemon at nominal load: 1 camera at " + settings.nominalFps() + " detect fps, "
                + settings.nominalSeconds() + " s after " + settings.nominalWarmupSeconds()
                + " s of warm-up, external broker (if installed) then embedded broker");
        ProbeLauncher.ProbeConfig one = new ProbeLauncher.ProbeConfig(1, settings.nominalFps(),
                settings.int8Model(), settings.daemonThreads(), settings.clip());
        // The floor is sampled during each run's window (FloorSampler): this machine's speed drifts within a minute.
        ProbeResult external;
        FloorBench.Costs duringExternal;
        try (FloorSampler sampler = sampler(input)) {
            external = externalProbe(launcher, one, sampler);
            duringExternal = external == null ? null : during(sampler, input);
        }
        ProbeResult nominal;
        FloorBench.Costs duringNominal;
        try (FloorSampler sampler = sampler(input)) {
            nominal = launcher.run(one, settings.nominalWarmupSeconds(), settings.nominalSeconds(), sampler);
            duringNominal = during(sampler, input);
        }
        List<ProbeResult> scale = scaleSweep(launcher);
        progress.accept("5/5 outbox: bytes written per event, " + OutboxWearBench.EVENTS + " events");
        List<WriteCost.Result> wear = OutboxWearBench.run(settings.outDir());
        progress.accept(String.format("outbox: %.0f B/event to disk with per-event commits, %.0f with %d per commit",
                wear.get(0).writeBytesPerEvent(), wear.get(1).writeBytesPerEvent(), OutboxWearBench.GROUP));
        FloorBench.Cost decode = duringNominal.decode();
        FloorBench.Cost decodeOnly = duringNominal.decodeOnly();
        FloorBench.Cost inference = duringNominal.inference();
        BenchResults.Floor floor = floor(decode, decodeOnly, inference, nominal);
        BenchResults.Floor floorExternal = external == null ? null : floor(duringExternal.decode(),
                duringExternal.decodeOnly(), duringExternal.inference(), external);
        BenchResults.Machine machine = machine(load0, loadAverage());
        return new BenchResults(machine, runtimes, decode, decodeOnly, inference, floor, nominal, floorExternal, external, scale,
                Targets.evaluate(runtimes, floor, nominal, floorExternal, external, scale), wear);
    }

    /** The nominal probe against a mosquitto started for it, or null when mosquitto is not installed. */
    private ProbeResult externalProbe(ProbeLauncher launcher, ProbeLauncher.ProbeConfig config, FloorSampler floor)
            throws Exception {
        if (!ExternalBroker.available()) {
            progress.accept("  external broker: " + ExternalBroker.BINARY + " not installed, row not measured");
            return null;
        }
        try (ExternalBroker broker = ExternalBroker.start(settings.outDir())) {
            progress.accept("  external broker: mosquitto pid " + broker.pid() + " at " + broker.url());
            return launcher.run(config.withBroker(broker.url()), settings.nominalWarmupSeconds(),
                    settings.nominalSeconds(), floor);
        }
    }

    /**
     * The camera sweep, publishing to a mosquitto started for it when one is installed (as the package is deployed:
     * the embedded broker alone adds ≈ 75 MB of RSS), else to the embedded broker.
     */
    private List<ProbeResult> scaleSweep(ProbeLauncher launcher) throws Exception {
        ExternalBroker broker = ExternalBroker.available() ? ExternalBroker.start(settings.outDir()) : null;
        try {
            List<ProbeResult> scale = new ArrayList<>();
            for (int n : settings.scaleCameras()) {
                progress.accept("4/5 scale + memory: " + n + " camera(s) at " + settings.scaleFps()
                        + " detect fps each, " + (broker == null ? "embedded broker" : "external broker"));
                ProbeResult r = scaleProbe(launcher, n, broker == null ? null : broker.url());
                progress.accept(String.format("  %d cam: CPU %.0f%% of machine, %d/%.0f detections, e2e p99 %.0f ms, "
                        + "RSS %.0f MB", n, 100 * r.cpuOfMachine(), r.detected(), r.requested(),
                        r.endToEndMs().p99(), r.rssMb()));
                scale.add(r);
            }
            return scale;
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** n file cameras on the scale clip, or n RTSP sessions on a fresh GStreamer server serving it. */
    private ProbeResult scaleProbe(ProbeLauncher launcher, int n, String brokerUrl) throws Exception {
        if (settings.rtspServer() == null) {
            return launcher.run(scaleConfig(n, settings.scaleClip().toAbsolutePath().toString(), brokerUrl),
                    settings.warmupSeconds(), settings.probeSeconds());
        }
        try (RtspServer server = new RtspServer(settings.rtspServer(), settings.scaleClip(), settings.outDir()).start()) {
            return launcher.run(scaleConfig(n, server.url(), brokerUrl), settings.warmupSeconds(),
                    settings.probeSeconds());
        }
    }

    /** n cameras on {@code url}, publishing to {@code brokerUrl} (null: the embedded broker). */
    private ProbeLauncher.ProbeConfig scaleConfig(int n, String url, String brokerUrl) {
        return new ProbeLauncher.ProbeConfig(n, settings.scaleFps(), settings.int8Model(), settings.daemonThreads(),
                url, brokerUrl);
    }

    /**
     * A sampler for the next run, or null with more than one ORT thread: a burst counts its own thread's CPU, and
     * the runtime's pool threads would be missed; the floor is then measured after the run (process CPU).
     */
    private FloorSampler sampler(FloatBuffer input) throws Exception {
        return settings.daemonThreads() != 1 ? null
                : new FloorSampler(settings.clip(), settings.int8Model(), input, INPUT_SIZE);
    }

    /** The floor sampled during a run, or (no sampler, no burst completed) measured right after it. */
    private FloorBench.Costs during(FloorSampler sampler, FloatBuffer input) throws Exception {
        FloorBench.Costs c = sampler == null ? null : sampler.costs();
        if (c == null) {
            progress.accept("floor: not sampled during the run, measured after it");
            return floorCosts(input);
        }
        progress.accept(String.format("floor during the run (%d bursts): decode %.2f ms CPU/frame (%.2f without "
                + "colour conversion), inference %.2f ms CPU/run", sampler.bursts(), c.decode().cpuMs(),
                c.decodeOnly().cpuMs(), c.inference().cpuMs()));
        return c;
    }

    private FloorBench.Costs floorCosts(FloatBuffer input) throws Exception {
        FloorBench.Costs c = new FloorBench.Costs(FloorBench.decode(settings.clip(), settings.decodeFrames(), true),
                FloorBench.decode(settings.clip(), settings.decodeFrames(), false),
                FloorBench.inference(settings.int8Model(), settings.daemonThreads(), input, INPUT_SIZE,
                        Math.max(30, settings.rounds())));
        progress.accept(String.format("floor: decode %.2f ms CPU/frame (%.2f without colour conversion), inference "
                + "%.2f ms CPU/run", c.decode().cpuMs(), c.decodeOnly().cpuMs(), c.inference().cpuMs()));
        return c;
    }

    static BenchResults.Floor floor(FloorBench.Cost decode, FloorBench.Cost decodeOnly, FloorBench.Cost inference,
                                    ProbeResult nominal) {
        double perDetection = nominal.detected() == 0 ? Double.NaN
                : (double) nominal.framesDecoded() / nominal.detected();
        double floorCpu = perDetection * decode.cpuMs() + inference.cpuMs();
        double conversion = Math.max(0, decode.cpuMs() - decodeOnly.cpuMs());
        double strictCpu = perDetection * decodeOnly.cpuMs() + conversion + inference.cpuMs();
        double daemon = nominal.cpuMsPerDetection();
        return new BenchResults.Floor(perDetection, floorCpu, daemon, daemon / floorCpu,
                decode.wallMs() + inference.wallMs(), strictCpu, daemon / strictCpu);
    }

    private BenchResults.Machine machine(String load0, String load1) {
        return new BenchResults.Machine(cpuModel(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), load0, load1,
                settings.clip().toString(), settings.scaleClip().toString(), settings.int8Model().toString(),
                settings.fp32Model().toString());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
