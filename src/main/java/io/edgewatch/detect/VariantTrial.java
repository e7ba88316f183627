package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Times model variants on the same frames and measures each one's fidelity against the first (the fp32
 * reference), for {@link VariantChoice#pick}. Variants run interleaved, frame by frame, so load from other
 * processes hits them alike; each runs once on the first frame to warm up. Fidelity is AP50 against the
 * reference's detections ({@link Agreement}, as {@code models eval} and {@link ModelTrial}) over one pass of the
 * frames; timing goes on (all variants the same number of runs) until the variants together had
 * {@code budgetNanos} of inference per variant, and for at least {@code minRuns} runs and one pass of the frames. Runs on the caller's thread: the detectors must not be in use elsewhere.
 */
public final class VariantTrial {
    /** One variant to time; the file is what a choice would serve. */
    public record Variant(Path path, Detector detector) { }

    /**
     * @param budgetNanos inference time per variant (the trial spends about this × the variant count)
     * @param minRuns     timed runs per variant at least
     * @param maxRuns     at most (bounds a trial of detectors too fast to spend the budget)
     */
    public record Budget(long budgetNanos, int minRuns, int maxRuns) {
        public Budget {
            if (budgetNanos < 0 || minRuns < 1 || maxRuns < minRuns) {
                throw new IllegalArgumentException("budget must be >= 0 and 1 <= minRuns <= maxRuns");
            }
        }
    }

    private final TimeSource time;

    public VariantTrial(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Measures every variant (the first is the reference) on {@code frames}; progress lines go to the consumer. */
    public List<VariantChoice.Measured> run(List<Variant> variants, List<VideoFrame> frames, Budget budget,
                                            Consumer<String> progress) {
        if (variants.isEmpty() || frames.isEmpty()) {
            throw new IllegalArgumentException("need at least one variant and one frame");
        }
        int n = variants.size();
        Agreement[] agreement = new Agreement[n];
        long[][] took = new long[n][budget.maxRuns()];
        long[] spent = new long[n];
        int runs = 0;
        variants.forEach(v -> v.detector().detect(frames.get(0))); // warm-up: first runs allocate
        for (int i = 0; i < n; i++) {
            agreement[i] = new Agreement(ModelTrial.GT_MIN_SCORE);
        }
        while (runs < budget.maxRuns() && (runs < Math.max(budget.minRuns(), frames.size())
                || Arrays.stream(spent).sum() < budget.budgetNanos() * n)) {
            VideoFrame frame = frames.get(runs % frames.size());
            List<Detection> reference = null;
            for (int i = 0; i < n; i++) {
                long start = time.nanos();
                List<Detection> found = variants.get(i).detector().detect(frame);
                took[i][runs] = time.nanos() - start;
                spent[i] += took[i][runs];
                if (runs < frames.size()) { // fidelity over one pass of the frames
                    reference = i == 0 ? found : reference;
                    agreement[i].add(reference, found);
                }
            }
            runs++;
            if (runs % 10 == 0) {
                progress.accept(runs + " runs per variant");
            }
        }
        List<VariantChoice.Measured> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Detector d = variants.get(i).detector();
            out.add(new VariantChoice.Measured(d.modelName(), variants.get(i).path(), d.modelSha256(),
                    ModelTrial.p90(Arrays.copyOf(took[i], runs)), i == 0 ? 1.0 : ModelTrial.fidelity(agreement[i]),
                    percentile(Arrays.copyOf(took[i], runs), 0.5)));
        }
        return out;
    }

    /** Nearest-rank percentile of nanosecond samples. */
    static double percentile(long[] nanos, double q) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[Math.max(0, (int) Math.ceil(q * s.length) - 1)];
    }
}
