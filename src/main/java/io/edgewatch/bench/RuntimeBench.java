package io.edgewatch.bench;

import io.edgewatch.ingest.VideoFrame;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * ORT int8 vs ORT fp32 vs OpenCV DNN fp32 on the same input, at each thread count, plus any further models
 * ({@code --model}, any format) through the daemon's whole detect() path on the same frame. All runners are loaded first,
 * then measured round-robin (one pass of each per round, start rotated every round), so machine noise lands on all
 * of them alike.
 */
final class RuntimeBench {
    /** Latency of one runner; {@code error} is set (and the percentiles empty) when it could not load or run. */
    record Result(String runtime, int threads, Percentiles latencyMs, String error) {}

    private final Path int8;
    private final Path fp32;
    private final int size;
    private final boolean openCv;
    private final List<Path> models;
    private final VideoFrame frame;
    private final Consumer<String> progress;

    /** @param models further models, run on {@code frame} through {@link DetectorRunner} */
    RuntimeBench(Path int8, Path fp32, int size, boolean openCv, List<Path> models, VideoFrame frame,
                 Consumer<String> progress) {
        this.openCv = openCv;
        this.models = List.copyOf(models);
        this.frame = frame;
        this.int8 = int8;
        this.fp32 = fp32;
        this.size = size;
        this.progress = progress;
    }

    List<Result> run(FloatBuffer input, List<Integer> threadCounts, int warmup, int rounds) {
        long[] shape = {1, 3, size, size};
        List<InferenceRunner> runners = new ArrayList<>();
        Map<String, Result> failed = new LinkedHashMap<>();
        for (int t : threadCounts) {
            load(runners, failed, "ort-int8", t, () -> new OrtRunner("ort-int8", int8, t, input.duplicate(), shape));
            load(runners, failed, "ort-fp32", t, () -> new OrtRunner("ort-fp32", fp32, t, input.duplicate(), shape));
            if (openCv) {
                load(runners, failed, "opencv-dnn-fp32", t,
                        () -> new OpenCvDnnRunner("opencv-dnn-fp32", fp32, t, input.duplicate(), shape));
            }
            for (Path m : models) {
                load(runners, failed, "detect:" + m.getFileName(), t, () -> new DetectorRunner(m, t, frame));
            }
        }
        try {
            Map<InferenceRunner, long[]> samples = measure(runners, warmup, rounds, failed);
            List<Result> out = new ArrayList<>(failed.values());
            for (Map.Entry<InferenceRunner, long[]> e : samples.entrySet()) {
                if (!failed.containsKey(key(e.getKey()))) {
                    out.add(new Result(e.getKey().name(), threadsOf(e.getKey()), Percentiles.ofNanos(e.getValue()),
                            null));
                }
            }
            return out;
        } finally {
            runners.forEach(InferenceRunner::close);
        }
    }

    private Map<InferenceRunner, long[]> measure(List<InferenceRunner> runners, int warmup, int rounds,
                                                 Map<String, Result> failed) {
        Map<InferenceRunner, long[]> samples = new LinkedHashMap<>();
        runners.forEach(r -> samples.put(r, new long[rounds]));
        for (int round = -warmup; round < rounds; round++) {
            for (int k = 0; k < runners.size(); k++) {
                InferenceRunner r = runners.get(Math.floorMod(k + round, runners.size()));
                if (failed.containsKey(key(r))) {
                    continue;
                }
                long t0 = System.nanoTime();
                try {
                    r.runOnce();
                } catch (Exception | LinkageError e) {
                    failed.put(key(r), new Result(r.name(), threadsOf(r), Percentiles.ofMillis(new double[0]),
                            "run failed: " + e));
                    continue;
                }
                if (round >= 0) {
                    samples.get(r)[round] = System.nanoTime() - t0;
                }
            }
            if (round >= 0 && (round + 1) % Math.max(1, rounds / 5) == 0) {
                progress.accept("runtimes: round " + (round + 1) + "/" + rounds);
            }
        }
        return samples;
    }

    @FunctionalInterface
    private interface Loader {
        InferenceRunner load() throws Exception;
    }

    private void load(List<InferenceRunner> runners, Map<String, Result> failed, String runtime, int threads,
                      Loader loader) {
        try {
            InferenceRunner r = loader.load();
            runners.add(new Threaded(r, threads));
            progress.accept("runtimes: loaded " + runtime + " at " + threads + " thread(s)");
        } catch (Exception | LinkageError e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            progress.accept("runtimes: " + runtime + " failed to load: " + msg);
            failed.put(runtime + "/" + threads, new Result(runtime, threads, Percentiles.ofMillis(new double[0]),
                    "load failed: " + msg.strip()));
        }
    }

    private static String key(InferenceRunner r) {
        return r.name() + "/" + threadsOf(r);
    }

    private static int threadsOf(InferenceRunner r) {
        return ((Threaded) r).threads;
    }

    /** Adds the thread count to a runner without widening the interface. */
    private record Threaded(InferenceRunner inner, int threads) implements InferenceRunner {
        @Override public String name() { return inner.name(); }
        @Override public void runOnce() throws Exception { inner.runOnce(); }
        @Override public void close() { inner.close(); }
    }
}
