package io.edgewatch.app;

import io.edgewatch.config.SnapshotConfig;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.SnapshotPublisher;
import io.edgewatch.publish.SnapshotWorker;
import io.edgewatch.schedule.DetectLoop;
import io.edgewatch.snapshot.BlazeFace;
import io.edgewatch.snapshot.FaceBlur;
import io.edgewatch.snapshot.SnapshotMaker;
import io.edgewatch.track.EventStage;
import io.edgewatch.util.Supervisor;
import io.edgewatch.util.TimeSource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot JPEGs for new events. Off by default; with them on, faces are blurred unless the user turned that off.
 * A reload builds the new maker (and face model) first, swaps it in between two frames, then closes the old face
 * model, which the detect thread no longer uses.
 */
final class Snapshots implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);

    private final EventStage events;
    private final TimeSource time;
    private BlazeFace faces;
    /** JPEG encoding and face blur run here, off the detect thread (bounded queue, drops counted). */
    private volatile SnapshotWorker worker;

    Snapshots(EventStage events, TimeSource time) {
        this.events = events;
        this.time = time;
    }

    /** The current worker's supervisor; empty while snapshots are off (a reload replaces the worker). */
    Optional<Supervisor> supervisor() {
        SnapshotWorker w = worker;
        return w == null ? Optional.empty() : Optional.of(w.supervisor());
    }

    /** First configuration, before the detect thread runs. */
    void start(SnapshotConfig s, MqttPublisher publisher) {
        faces = s.enabled() && s.blurFaces() ? BlazeFace.load(s.faceModel()) : null;
        worker = worker(s, publisher, faces);
        events.snapshots(worker);
    }

    /** New settings or a new publisher, swapped in between passes. */
    void apply(SnapshotConfig s, MqttPublisher publisher, DetectLoop loop) {
        BlazeFace fresh = s.enabled() && s.blurFaces() ? BlazeFace.load(s.faceModel()) : null;
        SnapshotWorker freshWorker = worker(s, publisher, fresh);
        LiveConfig.await(loop.betweenPasses(() -> events.snapshots(freshWorker)));
        SnapshotWorker oldWorker = worker;
        worker = freshWorker;
        if (oldWorker != null) {
            closeWorker(oldWorker); // finishes or drops what it holds before the old face model closes
        }
        BlazeFace old = faces;
        faces = fresh;
        if (old != null) {
            old.close();
        }
    }

    private static void closeWorker(SnapshotWorker w) {
        try {
            w.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SnapshotWorker worker(SnapshotConfig s, MqttPublisher publisher, BlazeFace faces) {
        SnapshotPublisher sink = sink(s, publisher, faces);
        return sink == null ? null : SnapshotWorker.start(sink, publisher, time);
    }

    private static SnapshotPublisher sink(SnapshotConfig s, MqttPublisher publisher, BlazeFace faces) {
        if (!s.enabled()) {
            log.debug("snapshots off");
            return null;
        }
        if (faces == null) {
            log.warn("snapshots.blur_faces is false: snapshots may show faces");
        }
        FaceBlur blur = faces == null ? null : new FaceBlur(faces, (float) s.faceThreshold());
        log.info("snapshots on: max {} px, faces {}", s.maxSize(), faces != null ? "blurred" : "NOT blurred");
        return new SnapshotPublisher(new SnapshotMaker(s.maxSize(), s.quality(), blur, s.fullFrame()), publisher);
    }

    @Override
    public void close() {
        if (worker != null) {
            closeWorker(worker);
        }
        if (faces != null) {
            faces.close();
        }
    }
}
