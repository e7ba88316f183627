package io.edgewatch.track;

import io.edgewatch.detect.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy IoU tracker for one camera (SORT without the Kalman step): detections are matched to live tracks of
 * the same label by highest IoU. Only confirmed tracks produce events, so one-frame flickers never alert, and
 * a stationary object produces no UPDATE after its NEW. Not thread-safe: one detect loop per camera calls it.
 */
public final class IouTracker {
    private final TrackerSettings settings;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;

    public IouTracker(TrackerSettings settings) {
        this.settings = settings;
    }

    /** Feeds one detect pass (all detections of one frame) and returns what changed. */
    public List<TrackEvent> update(List<Detection> detections, long nowNanos) {
        List<TrackEvent> out = new ArrayList<>();
        boolean[] used = new boolean[detections.size()];
        for (Match m : matches(detections)) {
            if (m.track.matched || used[m.index]) {
                continue;
            }
            m.track.matched = true;
            used[m.index] = true;
            m.track.hit(detections.get(m.index), nowNanos, settings, out);
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i]) {
                Track t = new Track(nextId++, detections.get(i), nowNanos);
                tracks.add(t);
                t.confirmIfReady(settings, out);
            }
        }
        endMissed(out);
        tracks.forEach(t -> t.matched = false);
        return out;
    }

    /** Ends every confirmed track, e.g. when the camera stops. */
    public List<TrackEvent> endAll() {
        List<TrackEvent> out = new ArrayList<>();
        for (Track t : tracks) {
            if (t.confirmed) {
                out.add(t.event(TrackEvent.Type.END));
            }
        }
        tracks.clear();
        return out;
    }

    public int liveTracks() {
        return tracks.size();
    }

    private List<Match> matches(List<Detection> detections) {
        List<Match> all = new ArrayList<>();
        for (Track t : tracks) {
            for (int i = 0; i < detections.size(); i++) {
                Detection d = detections.get(i);
                if (d.classId() == t.last.classId()) {
                    double iou = iou(t.last, d);
                    if (iou >= settings.matchIou()) {
                        all.add(new Match(t, i, iou));
                    }
                }
            }
        }
        all.sort(Comparator.comparingDouble(Match::iou).reversed());
        return all;
    }

    private void endMissed(List<TrackEvent> out) {
        var it = tracks.iterator();
        while (it.hasNext()) {
            Track t = it.next();
            if (!t.matched && ++t.missed > settings.maxMissed()) {
                if (t.confirmed) {
                    out.add(t.event(TrackEvent.Type.END));
                }
                it.remove();
            }
        }
    }

    static double iou(Detection a, Detection b) {
        double ix = Math.min(a.x2(), b.x2()) - Math.max(a.x1(), b.x1());
        double iy = Math.min(a.y2(), b.y2()) - Math.max(a.y1(), b.y1());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / (a.area() + b.area() - inter);
    }

    private record Match(Track track, int index, double iou) {}

    private static final class Track {
        final long id;
        final long firstNanos;
        Detection last;
        Detection reported;
        long lastNanos;
        long reportedNanos;
        float topScore;
        float reportedTopScore;
        int hits = 1;
        int missed;
        boolean confirmed;
        boolean matched = true;

        Track(long id, Detection d, long now) {
            this.id = id;
            this.last = d;
            this.firstNanos = now;
            this.lastNanos = now;
            this.topScore = d.score();
        }

        void hit(Detection d, long now, TrackerSettings s, List<TrackEvent> out) {
            last = d;
            lastNanos = now;
            hits++;
            missed = 0;
            topScore = Math.max(topScore, d.score());
            if (!confirmed) {
                confirmIfReady(s, out);
            } else if (now - reportedNanos >= s.minUpdateNanos() && changed(s)) {
                report(TrackEvent.Type.UPDATE, out);
            }
        }

        void confirmIfReady(TrackerSettings s, List<TrackEvent> out) {
            if (hits >= s.minHits()) {
                confirmed = true;
                report(TrackEvent.Type.NEW, out);
            }
        }

        private boolean changed(TrackerSettings s) {
            double diag = Math.hypot(reported.width(), reported.height());
            double dx = (last.x1() + last.x2() - reported.x1() - reported.x2()) / 2;
            double dy = (last.y1() + last.y2() - reported.y1() - reported.y2()) / 2;
            boolean moved = diag > 0 && Math.hypot(dx, dy) / diag >= s.minMoveFraction();
            return moved || topScore - reportedTopScore >= s.minScoreGain();
        }

        private void report(TrackEvent.Type type, List<TrackEvent> out) {
            reported = last;
            reportedNanos = lastNanos;
            reportedTopScore = topScore;
            out.add(event(type));
        }

        TrackEvent event(TrackEvent.Type type) {
            return new TrackEvent(type, id, last, topScore, firstNanos, lastNanos);
        }
    }
}
