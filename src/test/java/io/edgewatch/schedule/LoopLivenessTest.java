package io.edgewatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopLivenessTest {
    @Test
    void stepsCountServedAndEverySkipReasonOverAllCameras() {
        CameraSlot a = new CameraSlot("a", 5, () -> null);
        CameraSlot b = new CameraSlot("b", 5, () -> null);
        LoopLiveness liveness = new LoopLiveness(List.of(a, b));
        assertThat(liveness.steps()).isZero();

        a.countDetected();
        a.countDetected();
        for (CameraSlot.Skip k : CameraSlot.Skip.values()) {
            b.countSkip(k);
        }
        assertThat(liveness.steps()).isEqualTo(2 + CameraSlot.Skip.values().length);
    }

    @Test
    void windowIsTwentySecondsUnlessTheSlowestCameraNeedsLonger() {
        CameraSlot fast = new CameraSlot("fast", 5, () -> null);
        assertThat(new LoopLiveness(List.of(fast)).window()).isEqualTo(Duration.ofSeconds(20));
        assertThat(new LoopLiveness(List.of()).window()).isEqualTo(Duration.ofSeconds(20));

        CameraSlot slow = new CameraSlot("slow", 0.05, () -> null); // one detection every 20 s
        assertThat(new LoopLiveness(List.of(fast, slow)).window()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void windowFollowsTheRatesInForceWhenAsked() {
        CameraSlot slot = new CameraSlot("cam", 5, () -> null);
        LoopLiveness liveness = new LoopLiveness(List.of(slot));
        slot.setDetectFps(0.1);
        assertThat(liveness.window()).isEqualTo(Duration.ofSeconds(30));
    }
}
