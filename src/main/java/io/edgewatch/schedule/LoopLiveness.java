package io.edgewatch.schedule;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What "the detect loop is alive" means, for /health and the systemd watchdog: the sum of served and skipped slots
 * moves on every pass of a healthy loop (even while no camera has frames), and it must move within a window that
 * is long enough for the slowest camera's interval.
 */
public final class LoopLiveness {
    /** The shortest window: a loop that has not moved for this long is reported stuck. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(20);
    /** Intervals of the slowest camera that may pass without a step before the loop counts as stuck. */
    static final int SLOWEST_INTERVALS = 3;

    private final Supplier<List<CameraSlot>> slots;

    public LoopLiveness(List<CameraSlot> slots) {
        List<CameraSlot> fixed = List.copyOf(slots);
        this.slots = () -> fixed;
    }

    /** @param slots the current slots (they change on live reload) */
    public LoopLiveness(Supplier<List<CameraSlot>> slots) {
        this.slots = slots;
    }

    /** Served + skipped detect slots over all cameras. */
    public long steps() {
        long n = 0;
        for (CameraSlot s : slots.get()) {
            n += s.detected();
            for (CameraSlot.Skip k : CameraSlot.Skip.values()) {
                n += s.skipped(k);
            }
        }
        return n;
    }

    /** The larger of {@link #MIN_WINDOW} and three intervals of the slowest camera (0.05 fps sleeps 20 s). */
    public Duration window() {
        long slowest = slots.get().stream().mapToLong(CameraSlot::intervalNanos).max().orElse(0);
        Duration byCamera = Duration.ofNanos(SLOWEST_INTERVALS * slowest);
        return byCamera.compareTo(MIN_WINDOW) > 0 ? byCamera : MIN_WINDOW;
    }
}
