package io.edgewatch.cli.models;

import io.edgewatch.compress.data.FrameSampler;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.DetectorFactory;
import io.edgewatch.detect.ModelDetector;
import io.edgewatch.detect.Nms;
import io.edgewatch.ingest.VideoFrame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The path of {@code models bench} for any supported model (any format, ONNX Runtime or TFLite): whole
 * detectors as the daemon builds them, all variants interleaved round by round on the same frame so load
 * drift hits them alike. Reports inference-only and end-to-end (resize + run + decode) p50/p90, and the
 * agreement of each model with the first one on person/car boxes (IoU > 0.5) over sampled clip frames —
 * agreement, not accuracy: there is no ground truth.
 */
final class DetectorBench {
    private static final Set<String> AGREE_LABELS = Set.of("person", "car", "truck", "bus");

    private record Variant(String name, Path model, int threads, ModelDetector detector, long[] total) {}

    private DetectorBench() {}

    static String run(List<Path> models, List<Integer> threads, String source, int inputSize, int warmup, int rounds,
                      int agreementFrames) throws Exception {
        List<VideoFrame> frames = FrameSampler.read(source, new FrameSampler.Selection(0, 6,
                Math.max(1, agreementFrames)), s -> { });
        DetectorFactory factory = new DetectorFactory(io.edgewatch.util.TimeSource.system());
        List<Variant> variants = new ArrayList<>();
        try {
            for (int t : threads) {
                for (Path m : models) {
                    ModelDetector d = factory.open(m, null, null, t, inputSize, 0.3, new Nms(0.6, 100));
                    variants.add(new Variant(d.modelName(), m, t, d, new long[rounds]));
                }
            }
            VideoFrame frame = frames.get(0);
            for (int r = -warmup; r < rounds; r++) {
                for (Variant v : variants) {
                    long t0 = System.nanoTime();
                    v.detector().detect(frame);
                    if (r >= 0) {
                        v.total()[r] = System.nanoTime() - t0;
                    }
                }
            }
            StringBuilder out = new StringBuilder(latencyTable(variants, rounds));
            if (agreementFrames > 0) {
                out.append('\n').append(agreementTable(variants.subList(0, models.size()), frames));
            }
            return out.toString();
        } finally {
            variants.forEach(v -> v.detector().close());
        }
    }

    private static String latencyTable(List<Variant> variants, int rounds) {
        StringBuilder b = new StringBuilder("| model | format | runtime | threads | inference p50 ms | p90 ms "
                + "| end-to-end p50 ms | p90 ms |\n|---|---|---|---|---|---|---|---|\n");
        for (Variant v : variants) {
            long[] inf = v.detector().inferenceTiming().recentLatenciesNanos();
            long[] last = Arrays.copyOfRange(inf, Math.max(0, inf.length - rounds), inf.length);
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %.1f | %.1f |%n", v.name(),
                    v.detector().format().key(), v.detector().runtime(), v.threads(), pct(last, 50), pct(last, 90),
                    pct(v.total(), 50), pct(v.total(), 90)));
        }
        return b.toString();
    }

    private static String agreementTable(List<Variant> one, List<VideoFrame> frames) {
        List<List<Detection>> reference = new ArrayList<>();
        for (VideoFrame f : frames) {
            reference.add(relevant(one.get(0).detector().detect(f)));
        }
        StringBuilder b = new StringBuilder("| model vs " + one.get(0).name() + " | frames | boxes | reference boxes "
                + "| matched (same label, IoU > 0.5) | agreement F1 |\n|---|---|---|---|---|---|\n");
        for (Variant v : one) {
            int boxes = 0;
            int refs = 0;
            int matched = 0;
            for (int i = 0; i < frames.size(); i++) {
                List<Detection> mine = relevant(v.detector().detect(frames.get(i)));
                boxes += mine.size();
                refs += reference.get(i).size();
                matched += matches(mine, reference.get(i));
            }
            double f1 = boxes + refs == 0 ? 1.0 : 2.0 * matched / (boxes + refs);
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f |%n", v.name(), frames.size(), boxes,
                    refs, matched, f1));
        }
        return b.toString();
    }

    private static List<Detection> relevant(List<Detection> found) {
        return found.stream().filter(d -> d.score() >= 0.4f && AGREE_LABELS.contains(d.label())).toList();
    }

    /** Greedy one-to-one matching, vehicles (car/truck/bus) counted as one label. */
    private static int matches(List<Detection> mine, List<Detection> ref) {
        boolean[] used = new boolean[ref.size()];
        int n = 0;
        for (Detection d : mine) {
            for (int j = 0; j < ref.size(); j++) {
                if (!used[j] && group(d).equals(group(ref.get(j))) && Nms.iou(d, ref.get(j)) > 0.5f) {
                    used[j] = true;
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static String group(Detection d) {
        return d.label().equals("person") ? "person" : "vehicle";
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))] / 1e6;
    }
}
