package io.edgewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The floor sampled during a run, with the real model and clip: a burst starts when an event arrives, at most one
 * per gap, and the CPU of the bench's other Java threads (here a thread spinning the whole time) is not counted.
 */
class FloorSamplerIT {
    private static final Path CLIP = Path.of("test-videos/vtest-people.mp4");
    private static final Path MODEL = Path.of("models/nanodet-m-416.int8.onnx");

    @Test
    void burstsFollowEventsAtMostOncePerGapAndLeaveOtherThreadsCpuOut() throws Exception {
        FloatBuffer input = SampleFrames.input(SampleFrames.picture(CLIP, BenchSuite.SAMPLE_FRAME),
                BenchSuite.INPUT_SIZE);
        AtomicBoolean spin = new AtomicBoolean(true);
        int bursts;
        FloorBench.Costs c;
        Thread spinner = new Thread(() -> {
            long x = 0;
            while (spin.get()) {
                x += System.nanoTime() & 1;
            }
            assertThat(x).isNotNegative();
        }, "spinner");
        spinner.start();
        try (FloorSampler sampler = new FloorSampler(CLIP, MODEL, input, BenchSuite.INPUT_SIZE)) {
            sampler.start();
            long end = System.nanoTime() + FloorSampler.GAP_NANOS + 1_000_000_000L;
            while (System.nanoTime() < end) { // an event every 50 ms for one gap and a second
                sampler.eventArrived();
                Thread.sleep(50);
            }
            sampler.stop();
            spin.set(false);
            bursts = sampler.bursts();
            c = sampler.costs();
        } finally {
            spin.set(false);
            spinner.join();
        }
        assertThat(bursts).as("one burst at the first event, one a gap later").isEqualTo(2);
        assertThat(c.decode().count()).isEqualTo(2L * FloorSampler.DECODES);
        assertThat(c.decodeOnly().count()).isEqualTo(2L * FloorSampler.DECODES);
        assertThat(c.inference().count()).isEqualTo(2L * FloorSampler.INFERENCES);
        for (FloorBench.Cost cost : new FloorBench.Cost[] {c.decode(), c.decodeOnly(), c.inference()}) {
            // one decoder/ORT thread: its CPU cannot exceed the wall time by much; with the spinner counted it
            // would be about twice the wall time
            assertThat(cost.cpuMs()).as(cost.stage()).isPositive().isLessThan(1.3 * cost.wallMs());
        }
        assertThat(c.inference().cpuMs()).isGreaterThan(c.decode().cpuMs());
    }

    @Test
    void aBurstWaitsUntilAFramesEventsHaveArrived() throws Exception {
        FloatBuffer input = FloatBuffer.allocate(3 * BenchSuite.INPUT_SIZE * BenchSuite.INPUT_SIZE);
        // a quiet time far above the events' spacing, so that a late wake-up of this thread cannot open a gap
        try (FloorSampler sampler = new FloorSampler(CLIP, MODEL, input, BenchSuite.INPUT_SIZE, 300_000_000L)) {
            sampler.start();
            long end = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < end) { // events closer together than the quiet time, for 0.6 s
                sampler.eventArrived();
                Thread.sleep(5);
            }
            assertThat(sampler.bursts()).as("no burst while events keep arriving").isZero();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sampler.bursts() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            sampler.stop();
            assertThat(sampler.bursts()).as("one burst once they stopped").isEqualTo(1);
        }
    }

    @Test
    void withoutABurstThereIsNoFloor() throws Exception {
        FloatBuffer input = FloatBuffer.allocate(3 * BenchSuite.INPUT_SIZE * BenchSuite.INPUT_SIZE);
        try (FloorSampler sampler = new FloorSampler(CLIP, MODEL, input, BenchSuite.INPUT_SIZE)) {
            sampler.start();
            sampler.stop();
            assertThat(sampler.costs()).isNull();
            assertThat(sampler.bursts()).isZero();
        }
    }
}
