package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.detect.ModelTrial.Result;
import io.edgewatch.detect.ModelTrial.Rules;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ModelTrialTest {
    private static final double MS = 1e6;
    private final FakeTime time = new FakeTime();

    /** 10 fps demanded, half the time budgeted: p90 up to 50 ms fits; serving model at 40 ms. */
    private static Rules rules(boolean force) {
        return new Rules(10, 0.5, 40 * MS, 0.8, force);
    }

    @Test
    void fastAndFaithfulSwaps() {
        assertThat(ModelTrial.judge(20 * MS, 0.95, rules(false), false).result()).isEqualTo(Result.SWAPPED);
    }

    @Test
    void overBudgetButNotMuchSlowerThanServingSwaps() {
        assertThat(ModelTrial.judge(49 * MS, 0.9, rules(false), false).result()).isEqualTo(Result.SWAPPED);
        Rules overloaded = new Rules(30, 0.5, 40 * MS, 0.8, false); // budget allows 16.7 ms
        assertThat(ModelTrial.judge(50 * MS, 0.9, overloaded, false).result()).isEqualTo(Result.SWAPPED);
        assertThat(ModelTrial.judge(51 * MS, 0.9, overloaded, false).result()).isEqualTo(Result.TOO_SLOW);
    }

    @Test
    void slowOrUnfaithfulIsRefusedUnlessForced() {
        ModelTrial.Verdict slow = ModelTrial.judge(60 * MS, 0.9, new Rules(10, 0.5, Double.NaN, 0.8, false), false);
        assertThat(slow.result()).isEqualTo(Result.TOO_SLOW);
        assertThat(slow.reason()).contains("p90 60.0 ms");
        ModelTrial.Verdict poor = ModelTrial.judge(20 * MS, 0.5, rules(false), false);
        assertThat(poor.result()).isEqualTo(Result.LOW_FIDELITY);
        assertThat(poor.accepted()).isFalse();
        assertThat(ModelTrial.judge(20 * MS, 0.5, rules(true), false).result()).isEqualTo(Result.FORCED);
        assertThat(ModelTrial.judge(Double.NaN, Double.NaN, rules(true), true).result()).isEqualTo(Result.NO_FRAMES);
    }

    @Test
    void p90IsNearestRank() {
        assertThat(ModelTrial.p90(new long[] {5, 1, 2, 3, 4, 6, 7, 8, 9, 10})).isEqualTo(9.0);
        assertThat(ModelTrial.p90(new long[] {7})).isEqualTo(7.0);
        assertThat(ModelTrial.p90(new long[0])).isNaN();
    }

    @Test
    void runMeasuresLatencyAndAgreementOnTheFrames() {
        List<ModelTrial.Frame> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            frames.add(new ModelTrial.Frame(frame(i), List.of(person(i))));
        }
        ModelTrial trial = new ModelTrial(time);
        ModelTrial.Verdict same = trial.run(fake(20, f -> List.of(person((int) f.sequence()))), frames, rules(false));
        assertThat(same.result()).isEqualTo(Result.SWAPPED);
        assertThat(same.p90Millis()).isEqualTo(20.0);
        assertThat(same.fidelity()).isEqualTo(1.0);
        ModelTrial.Verdict blind = trial.run(fake(20, f -> List.of()), frames, rules(false));
        assertThat(blind.result()).isEqualTo(Result.LOW_FIDELITY);
        assertThat(blind.fidelity()).isZero();
    }

    private static VideoFrame frame(int i) {
        return new VideoFrame("cam", i, 0, Instant.EPOCH, 2, 2, new byte[12]);
    }

    private static Detection person(int i) {
        float x = 0.05f * i;
        return new Detection(0, "person", 0.9f, x, 0.1f, x + 0.2f, 0.6f);
    }

    private Detector fake(long millis, Function<VideoFrame, List<Detection>> out) {
        return new Detector() {
            @Override public List<Detection> detect(VideoFrame f) {
                time.advanceNanos(millis * 1_000_000L);
                return out.apply(f);
            }
            @Override public String modelName() { return "fake"; }
            @Override public String modelSha256() { return "0"; }
            @Override public InferenceTiming inferenceTiming() { return new InferenceTiming(time, 4); }
            @Override public InferenceTiming preprocessTiming() { return inferenceTiming(); }
            @Override public void close() { }
        };
    }
}
