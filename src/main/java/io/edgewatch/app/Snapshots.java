package io.edgewatch.app;

import io.edgewatch.config.SnapshotConfig;
import io.edgewatch.publish.MqttPublisher;
import io.edgewatch.publish.SnapshotPublisher;
import io.edgewatch.schedule.DetectLoop;
import io.edgewatch.snapshot.BlazeFace;
import io.edgewatch.snapshot.FaceBlur;
import io.edgewatch.snapshot.SnapshotMaker;
import io.edgewatch.track.EventStage;
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
    private BlazeFace faces;

    Snapshots(EventStage events) {
        this.events = events;
    }

    /** First configuration, before the detect thread runs. */
    void start(SnapshotConfig s, MqttPublisher publisher) {
        faces = s.enabled() && s.blurFaces() ? BlazeFace.load(s.faceModel()) : null;
        events.snapshots(sink(s, publisher, faces));
    }

    /** New settings or a new publisher, swapped in between passes. */
    void apply(SnapshotConfig s, MqttPublisher publisher, DetectLoop loop) {
        BlazeFace fresh = s.enabled() && s.blurFaces() ? BlazeFace.load(s.faceModel()) : null;
        SnapshotPublisher sink = sink(s, publisher, fresh);
        LiveConfig.await(loop.betweenPasses(() -> events.snapshots(sink)));
        BlazeFace old = faces;
        faces = fresh;
        if (old != null) {
            old.close();
        }
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
        if (faces != null) {
            faces.close();
        }
    }
}
