package io.edgewatch.app;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.ingest.CameraIngest;
import io.edgewatch.ingest.FfmpegLog;
import io.edgewatch.ingest.FrameArrivals;
import io.edgewatch.metrics.MeterBindings;
import io.edgewatch.schedule.CameraSlot;
import io.edgewatch.schedule.DetectLoop;
import io.edgewatch.schedule.MotionGate;
import io.edgewatch.util.TimeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The running cameras: one ingest and one detect slot per enabled camera. A reload touches only the cameras
 * whose entry changed: added ones start, removed ones stop, a change to how the stream is read (url, detect_url,
 * loop, rtsp_transport, decode, hwaccel) restarts that camera's ingest, and detect_fps, weight and motion change
 * its slot in place. The others keep their ingest object and never pause. Changed by the reload thread only.
 */
final class CameraSet implements AutoCloseable {
    private record Running(CameraConfig config, CameraIngest ingest, CameraSlot slot) {}

    /** What a reload did, by camera name. */
    record Changes(List<String> added, List<String> removed, List<String> restarted, List<String> tuned) {
        boolean none() {
            return added.isEmpty() && removed.isEmpty() && restarted.isEmpty() && tuned.isEmpty();
        }
    }

    private final TimeSource time;
    /** Every mailbox signals it; the detect loop sleeps on it until a camera has a frame. */
    private final FrameArrivals arrivals = new FrameArrivals();
    private MeterBindings meters;
    /** Held while installed: FFmpeg calls into this object, which must not be collected meanwhile. */
    private FfmpegLog ffmpegLog;
    private Map<String, Running> running = new LinkedHashMap<>();
    private volatile List<CameraIngest> ingests = List.of();
    private volatile List<CameraSlot> slots = List.of();

    CameraSet(TimeSource time) {
        this.time = Objects.requireNonNull(time, "time");
    }

    FrameArrivals arrivals() {
        return arrivals;
    }

    /** Creates (does not start) the enabled cameras of the first configuration. */
    void create(List<CameraConfig> configs) {
        for (CameraConfig c : configs) {
            if (c.enabled()) {
                running.put(c.name(), newCamera(c));
            }
        }
        publish();
    }

    void startAll() {
        // before the first decoder thread calls into FFmpeg: its native lines per camera and rate-limited
        ffmpegLog = new FfmpegLog(time).install();
        running.values().forEach(r -> r.ingest().start());
    }

    List<CameraIngest> ingests() {
        return ingests;
    }

    List<CameraSlot> slots() {
        return slots;
    }

    /** Applies the new camera list; returns once the detect loop runs on the new slots and old ingests stopped. */
    Changes apply(List<CameraConfig> next, DetectLoop loop) throws Exception {
        Changes ch = new Changes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<Running> stopped = new ArrayList<>();
        List<Running> fresh = new ArrayList<>();
        List<Runnable> tunes = new ArrayList<>();
        Map<String, Running> after = new LinkedHashMap<>();
        for (CameraConfig c : next) {
            Running r = running.get(c.name());
            if (!c.enabled()) {
                continue;
            } else if (r == null || streamChanged(r.config(), c)) {
                Running started = newCamera(c);
                fresh.add(started);
                after.put(c.name(), started);
                if (r == null) {
                    ch.added().add(c.name());
                } else {
                    stopped.add(r);
                    ch.restarted().add(c.name());
                }
            } else {
                after.put(c.name(), new Running(c, r.ingest(), r.slot()));
                if (!r.config().equals(c)) {
                    tunes.add(() -> tune(r.slot(), r.config(), c));
                    ch.tuned().add(c.name());
                }
            }
        }
        running.forEach((name, r) -> {
            if (!after.containsKey(name)) {
                stopped.add(r);
                ch.removed().add(name);
            }
        });
        if (ch.none()) {
            return ch;
        }
        running = after;
        publish();
        stopped.forEach(r -> meters.unbind(r.config().name()));
        fresh.forEach(r -> {
            r.ingest().start();
            bindMeters(r);
        });
        CompletableFuture<Void> tuned = loop.betweenPasses(() -> tunes.forEach(Runnable::run));
        LiveConfig.await(loop.replaceCameras(slots));
        tuned.join();
        stopped.forEach(r -> r.ingest().close());   // no longer polled: the loop runs on the new slots
        return ch;
    }

    /** Binds the cameras' meters now and those of cameras started later. */
    void bindMeters(MeterBindings bindings) {
        this.meters = Objects.requireNonNull(bindings, "bindings");
        running.values().forEach(this::bindMeters);
    }

    private void bindMeters(Running r) {
        meters.bindCamera(r.ingest(), r.slot());
    }

    /** True when the decoder must be rebuilt: how the stream is read changed. */
    static boolean streamChanged(CameraConfig a, CameraConfig b) {
        return !a.url().equals(b.url()) || !a.detectUrl().equals(b.detectUrl()) || a.loop() != b.loop()
                || a.rtspTransport() != b.rtspTransport() || a.decode() != b.decode()
                || !a.hwaccel().equals(b.hwaccel());
    }

    /** In place, on the detect thread: rate, weight and (if its settings changed) a fresh motion gate. */
    private static void tune(CameraSlot slot, CameraConfig old, CameraConfig c) {
        slot.setDetectFps(c.detectFps());
        slot.setWeight(c.weight());
        if (!old.motion().equals(c.motion())) {
            slot.setGate(MotionGate.of(c.motion()));
        }
    }

    private Running newCamera(CameraConfig c) {
        CameraIngest ingest = new CameraIngest(c, time, arrivals);
        CameraSlot slot = new CameraSlot(c.name(), c.detectFps(), c.weight(), MotionGate.of(c.motion()),
                ingest.mailbox());
        return new Running(c, ingest, slot);
    }

    private void publish() {
        ingests = running.values().stream().map(Running::ingest).toList();
        slots = running.values().stream().map(Running::slot).toList();
    }

    @Override
    public void close() {
        running.values().forEach(r -> r.ingest().close());
        if (ffmpegLog != null) {
            ffmpegLog.uninstall();
        }
    }
}
