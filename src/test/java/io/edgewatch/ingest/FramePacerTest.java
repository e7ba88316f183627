package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.testing.FakeTime;
import org.junit.jupiter.api.Test;

/** Pacing by timestamp, used for files decoded with skipped frames (decode: nonref/keyframes). */
class FramePacerTest {
    private final FakeTime time = new FakeTime();
    private final FramePacer pacer = new FramePacer(time);

    @Test
    void keyframesTwoSecondsApartAreReleasedTwoSecondsApart() throws Exception {
        long start = time.nanos();
        for (long pts = 0; pts <= 10_000_000L; pts += 2_000_000L) {
            pacer.awaitTimestamp(pts);
            assertThat(time.nanos() - start).isEqualTo(pts * 1000);
        }
    }

    @Test
    void aTimestampJumpRestartsTheScheduleInsteadOfWaiting() throws Exception {
        pacer.awaitTimestamp(0);
        pacer.awaitTimestamp(1_000_000L);
        long before = time.nanos();
        pacer.awaitTimestamp(3_600_000_000L); // an hour later: broken or looped file
        assertThat(time.nanos()).isEqualTo(before);
        pacer.awaitTimestamp(3_600_500_000L);
        assertThat(time.nanos() - before).isEqualTo(500_000_000L);
    }
}
