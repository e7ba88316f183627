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

    @Test
    void awaitAheadWakesTheLeadBeforeTheNextFrameIsDue() throws Exception {
        pacer.restart(10); // 100 ms per frame
        long start = time.nanos();
        pacer.awaitNext();
        pacer.awaitNext(); // frame 1, due at 100 ms
        assertThat(time.nanos() - start).isEqualTo(100_000_000L);
        pacer.awaitAhead(5_000_000L);
        assertThat(time.nanos() - start).isEqualTo(195_000_000L); // frame 2 is due at 200 ms
        pacer.awaitNext();
        assertThat(time.nanos() - start).isEqualTo(200_000_000L); // decoded in no time: waits out the lead
    }

    @Test
    void awaitAheadFollowsTimestampsAndNeverWaitsWhenBehind() throws Exception {
        pacer.restart(10);
        long start = time.nanos();
        pacer.awaitTimestamp(0);
        pacer.awaitTimestamp(100_000L); // due at 100 ms
        time.advance(java.time.Duration.ofMillis(150)); // inference, a slow consumer: past the next frame's time
        long before = time.nanos();
        pacer.awaitAhead(5_000_000L);
        assertThat(time.nanos()).isEqualTo(before);
        pacer.awaitTimestamp(300_000L);
        assertThat(time.nanos() - start).isEqualTo(300_000_000L);
    }

    @Test
    void awaitAheadBeforeAnyFrameDoesNotWait() throws Exception {
        long before = time.nanos();
        pacer.awaitAhead(1_000_000L);
        assertThat(time.nanos()).isEqualTo(before);
    }
}
