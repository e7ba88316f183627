package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.testing.FakeTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Timing and fidelity of variants with a fake clock: each fake detector advances it by its own latency. */
class VariantTrialTest {
    private final FakeTime time = FakeTime.atNanos(1_000L);
    private final List<String> calls = new ArrayList<>();

    private static final Detection PERSON = new Detection(0, "person", 0.9f, 0.1f, 0.1f, 0.4f, 0.8f);

    private Detector fake(String name, long millis, Function<VideoFrame, List<Detection>> sees) {
        InferenceTiming timing = new InferenceTiming(time, 16);
        return new Detector() {
            @Override public List<Detection> detect(VideoFrame f) {
                calls.add(name);
                time.advanceNanos(millis * 1_000_000L);
                return sees.apply(f);
            }
            @Override public String modelName() { return name; }
            @Override public String modelSha256() { return name + "-sha"; }
            @Override public InferenceTiming inferenceTiming() { return timing; }
            @Override public InferenceTiming preprocessTiming() { return timing; }
            @Override public void close() { }
        };
    }

    private static List<VideoFrame> frames(int n) {
        List<VideoFrame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new VideoFrame("cam", i, 0, Instant.EPOCH, 2, 2, new byte[12]));
        }
        return out;
    }

    @Test
    void timesInterleavedUntilEachVariantSpentItsBudgetAndMeasuresFidelityAgainstTheFirst() {
        List<VariantTrial.Variant> variants = List.of(
                new VariantTrial.Variant(Path.of("fp32.onnx"), fake("fp32", 30, f -> List.of(PERSON))),
                new VariantTrial.Variant(Path.of("int8.onnx"), fake("int8", 10, f -> List.of(PERSON))),
                new VariantTrial.Variant(Path.of("broken.onnx"), fake("broken", 5, f -> List.of())));
        List<VariantChoice.Measured> m = new VariantTrial(time).run(variants, frames(4),
                new VariantTrial.Budget(300_000_000L, 2, 1000), line -> { });

        // warm-up once each, then strictly interleaved rounds
        assertThat(calls.subList(0, 6)).containsExactly("fp32", "int8", "broken", "fp32", "int8", "broken");
        // 300 ms per variant = 900 ms in all at 45 ms a round: 20 rounds, every variant as often
        assertThat(calls).hasSize(3 + 3 * 20);
        assertThat(m).extracting(VariantChoice.Measured::p90Nanos).containsExactly(30e6, 10e6, 5e6);
        assertThat(m).extracting(VariantChoice.Measured::fidelity).containsExactly(1.0, 1.0, 0.0);
        assertThat(VariantChoice.pick(m, 0.8)).get().extracting(VariantChoice.Measured::name).isEqualTo("int8");
    }

    @Test
    void everyFrameIsSeenOnceForFidelityEvenWithNoTimeBudget() {
        List<VariantTrial.Variant> variants = List.of(
                new VariantTrial.Variant(Path.of("a"), fake("a", 1, f -> List.of(PERSON))),
                new VariantTrial.Variant(Path.of("b"), fake("b", 1, f -> f.sequence() % 2 == 0 ? List.of(PERSON)
                        : List.of())));
        List<VariantChoice.Measured> m = new VariantTrial(time).run(variants, frames(6),
                new VariantTrial.Budget(0, 1, 100), line -> { });
        assertThat(calls).hasSize(2 + 2 * 6);
        assertThat(m.get(1).fidelity()).isBetween(0.4, 0.6); // found half the reference's boxes
    }

    @Test
    void maxRunsBoundsTheTrial() {
        List<VariantTrial.Variant> variants = List.of(
                new VariantTrial.Variant(Path.of("a"), fake("a", 0, f -> List.of())));
        new VariantTrial(time).run(variants, frames(2), new VariantTrial.Budget(1_000_000_000L, 1, 50), line -> { });
        assertThat(calls).hasSize(1 + 50); // a detector too fast to measure does not spin forever
    }
}
