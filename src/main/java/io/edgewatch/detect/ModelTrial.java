package io.edgewatch.detect;

import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The gate a candidate model passes before it replaces the serving one. It runs the candidate on recent frames
 * (after one warm-up run) and checks, in order: latency — its p90 fits the cameras' demand within the budget
 * ({@code p90 × Σ detect_fps ≤ inference_fraction}) or is at most {@link #SLOWER_ALLOWED} × the serving model's
 * p90 (a box already over budget keeps the same throttling); fidelity — AP50 of its detections against the
 * serving model's ({@link Agreement}) at least {@code minFidelity}. {@code force} overrides both. Loading and
 * matching a decoder is checked before, by {@link DetectorFactory}.
 */
public final class ModelTrial {
    /** A candidate may be this much slower than the serving model even when neither fits the budget. */
    public static final double SLOWER_ALLOWED = 1.25;
    /** Serving-model detections at or above this score are the ground truth (as in {@code models eval}). */
    public static final double GT_MIN_SCORE = 0.4;

    /** Why a trial ended the way it did (also the {@code result} tag of edgewatch.model.swaps). */
    public enum Result { SWAPPED, FORCED, LOAD_FAILED, NO_FRAMES, TOO_SLOW, LOW_FIDELITY }

    /** @param reason one line for the log */
    public record Verdict(Result result, double p90Millis, double fidelity, String reason) {
        public boolean accepted() {
            return result == Result.SWAPPED || result == Result.FORCED;
        }
    }

    /** One recent frame and what the serving model found in it. */
    public record Frame(VideoFrame frame, List<Detection> reference) { }

    /**
     * @param demandFps        Σ detect_fps of the cameras
     * @param budgetFraction   budget.inference_fraction
     * @param servingP90Nanos  the serving model's measured p90, NaN if unknown
     */
    public record Rules(double demandFps, double budgetFraction, double servingP90Nanos, double minFidelity,
                        boolean force) { }

    private final TimeSource time;

    public ModelTrial(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    /** Runs the candidate on the frames (on the caller's thread) and judges it. */
    public Verdict run(Detector candidate, List<Frame> frames, Rules rules) {
        if (frames.isEmpty()) {
            return judge(Double.NaN, Double.NaN, rules, true);
        }
        candidate.detect(frames.get(0).frame()); // warm-up: first runs allocate
        long[] took = new long[frames.size()];
        Agreement agreement = new Agreement(GT_MIN_SCORE);
        for (int i = 0; i < frames.size(); i++) {
            long start = time.nanos();
            List<Detection> found = candidate.detect(frames.get(i).frame());
            took[i] = time.nanos() - start;
            agreement.add(frames.get(i).reference(), found);
        }
        return judge(p90(took), fidelity(agreement), rules, false);
    }

    /** The decision from measured numbers (nanoseconds, AP50). */
    public static Verdict judge(double p90Nanos, double fidelity, Rules r, boolean noFrames) {
        double ms = p90Nanos / 1e6;
        Result failed = null;
        String why;
        if (noFrames) {
            failed = Result.NO_FRAMES;
            why = "no recent frames to try it on";
        } else if (!fitsBudget(p90Nanos, r)) {
            failed = Result.TOO_SLOW;
            why = String.format("p90 %.1f ms × %.1f fps exceeds budget %.2f and the serving p90 %.1f ms × %.2f",
                    ms, r.demandFps(), r.budgetFraction(), r.servingP90Nanos() / 1e6, SLOWER_ALLOWED);
        } else if (!(fidelity >= r.minFidelity())) {
            failed = Result.LOW_FIDELITY;
            why = String.format("AP50 %.3f against the serving model is below model.min_fidelity %.2f",
                    fidelity, r.minFidelity());
        } else {
            return new Verdict(Result.SWAPPED, ms, fidelity,
                    String.format("p90 %.1f ms, AP50 %.3f against the serving model", ms, fidelity));
        }
        if (r.force() && failed != Result.NO_FRAMES) {
            return new Verdict(Result.FORCED, ms, fidelity, why + " (model.force: true)");
        }
        return new Verdict(failed, ms, fidelity, why);
    }

    static boolean fitsBudget(double p90Nanos, Rules r) {
        if (p90Nanos / 1e9 * r.demandFps() <= r.budgetFraction()) {
            return true;
        }
        return !Double.isNaN(r.servingP90Nanos()) && p90Nanos <= r.servingP90Nanos() * SLOWER_ALLOWED;
    }

    /** AP50; when the serving model saw nothing, 1 if the candidate sees nothing either, else 0. */
    static double fidelity(Agreement a) {
        double ap = a.ap50();
        if (!Double.isNaN(ap)) {
            return ap;
        }
        return a.candidatesAbove(GT_MIN_SCORE) == 0 ? 1.0 : 0.0;
    }

    /** Nearest-rank 90th percentile, NaN for none. */
    public static double p90(long[] nanos) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(0.9 * s.length) - 1];
    }
}
