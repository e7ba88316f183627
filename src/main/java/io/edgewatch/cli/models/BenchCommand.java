package io.edgewatch.cli.models;

import io.edgewatch.util.LargeStack;
import io.edgewatch.compress.latency.LatencyTable;
import io.edgewatch.compress.latency.LatencyBench;
import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.compress.data.FrameStream;
import io.edgewatch.util.TimeSource;
import io.edgewatch.compress.data.FrameSampler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code edgewatch models bench}: p50/p90 latency of several models at several thread counts, interleaved. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Latency p50/p90 of several models at several thread counts.",
                "One real frame as input, all variants interleaved in one run so load drift hits them alike.",
                "Markdown table on stdout; speed-up and size ratio are against the first --model."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model file; repeat, the first is the baseline")
    List<Path> models;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "intra-op thread counts (default ${DEFAULT-VALUE})")
    List<Integer> threads;

    @Option(names = "--rounds", defaultValue = "60",
            description = "measured rounds per variant (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "5", description = "unmeasured rounds first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--frame", defaultValue = "test-videos/vtest-people.mp4",
            description = "video or image folder whose first frame is the input (default ${DEFAULT-VALUE})")
    String frame;

    @Mixin InputSizeOption network;

    @Mixin JsonOutput json;

    @Option(names = "--detectors", description = {"bench whole detectors of any format (.onnx or .tflite) as the "
            + "daemon runs them, plus their agreement with the first --model; implied by a .tflite --model"})
    boolean detectors;

    @Option(names = "--agreement-frames", defaultValue = "50",
            description = "clip frames (every 6th) for the agreement table of --detectors (default ${DEFAULT-VALUE})")
    int agreementFrames;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || warmup < 0 || threads.stream().anyMatch(t -> t < 1)) {
            System.err.println("--rounds and --threads must be positive, --warmup >= 0");
            return 2;
        }
        if (detectors || models.stream().anyMatch(m -> m.toString().endsWith(".tflite"))) {
            return LargeStack.call("models-bench", () -> {
                System.err.println("load average " + LoadAverage.read());
                System.out.print(DetectorBench.run(models, threads, frame, network.inputSize, warmup, rounds, agreementFrames));
                System.out.println("load average after the run: " + LoadAverage.read() + ", "
                        + Runtime.getRuntime().availableProcessors() + " cores");
                return 0;
            });
        }
        return LargeStack.call("models-bench", this::bench);
    }

    private int bench() throws Exception {
        float[] input;
        try (FrameStream s = FrameSampler.open(frame, new FrameSampler.Selection(0, 1, 1));
                FrameInputs pre = new FrameInputs(frame, new FrameSampler.Selection(0, 1, 1), network.inputSize)) {
            if (!s.hasNext()) {
                System.err.println("no frame in " + frame);
                return 1;
            }
            input = pre.tensor(s.next());
        }
        List<LatencyBench.Variant> variants = new ArrayList<>();
        for (int t : threads) {
            for (Path m : models) {
                variants.add(new LatencyBench.Variant(EvalCommand.name(m), m, t));
            }
        }
        System.err.printf(Locale.ROOT, "%d variants x %d rounds (+%d warm-up), interleaved; load average %s%n",
                variants.size(), rounds, warmup, LoadAverage.read());
        List<LatencyBench.Result> results = new LatencyBench(TimeSource.system()).run(variants, input, warmup, rounds,
                r -> {
                    if (r % 10 == 0 || r == rounds) {
                        System.err.printf(Locale.ROOT, "round %d/%d%n", r, rounds);
                    }
                });
        String load = LoadAverage.read();
        System.out.println(LatencyTable.markdown(results));
        System.out.println("load average after the run: " + load + ", " + Runtime.getRuntime().availableProcessors()
                + " cores");
        writeJson(results, load);
        return 0;
    }

    private void writeJson(List<LatencyBench.Result> results, String load) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LatencyBench.Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("model", r.model().toString());
            m.put("threads", r.threads());
            m.put("size_bytes", r.sizeBytes());
            m.put("size_ratio", LatencyTable.sizeRatio(results, r));
            m.put("p50_ms", r.p50Ms());
            m.put("p90_ms", r.p90Ms());
            m.put("mean_ms", r.meanMs());
            m.put("speedup_p50", LatencyTable.speedup(results, r));
            m.put("runs", r.runs());
            rows.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("load_average", load);
        doc.put("cores", Runtime.getRuntime().availableProcessors());
        doc.put("results", rows);
        json.write(doc);
    }
}
