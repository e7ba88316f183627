package io.edgewatch.track;

import io.edgewatch.detect.Detection;
import io.edgewatch.event.EventType;
import io.edgewatch.event.Zones;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * SORT-style tracker for one camera: each track's box is predicted to the frame time by a constant-velocity
 * Kalman filter ({@link KalmanBox}), detections are matched to live tracks of the same label greedily by highest
 * IoU with the prediction (or with the last box, whichever is higher, so a still-unknown velocity cannot break a
 * track), and the filter is corrected with the matched box. Only confirmed tracks produce events, so one-frame
 * flickers never alert, and a stationary object produces no UPDATE after its NEW. With zones, a track that enters
 * or leaves one produces an UPDATE at once, carrying the zones it entered and left.
 * Not thread-safe: one detect loop per camera calls it.
 */
public final class IouTracker {
    private final TrackerSettings settings;
    private List<Zone> zones;
    private final List<Track> tracks = new ArrayList<>();
    private long nextId = 1;

    public IouTracker(TrackerSettings settings) {
        this(settings, List.of());
    }

    public IouTracker(TrackerSettings settings, List<Zone> zones) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
        this.zones = List.copyOf(zones);
    }

    /** Feeds one detect pass (all detections of one frame) and returns what changed. */
    /** Replaces the zones (live reload); open tracks keep their ids and see entered/left on their next hit. */
    public void setZones(List<Zone> zones) {
        this.zones = List.copyOf(zones);
    }

    public List<TrackEvent> update(List<Detection> detections, long nowNanos) {
        List<TrackEvent> out = new ArrayList<>();
        boolean[] used = new boolean[detections.size()];
        for (Match m : matches(detections, nowNanos)) {
            if (m.track.matched || used[m.index]) {
                continue;
            }
            m.track.matched = true;
            used[m.index] = true;
            Detection d = detections.get(m.index);
            m.track.hit(d, nowNanos, zonesOf(d), settings, out);
        }
        for (int i = 0; i < detections.size(); i++) {
            if (!used[i]) {
                Detection d = detections.get(i);
                Track t = new Track(nextId++, d, nowNanos, zonesOf(d));
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
                out.add(t.end());
            }
        }
        tracks.clear();
        return out;
    }

    public int liveTracks() {
        return tracks.size();
    }

    private List<String> zonesOf(Detection d) {
        List<String> in = new ArrayList<>();
        for (Zone z : zones) {
            if (z.contains(d)) {
                in.add(z.name());
            }
        }
        return in;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private List<Match> matches(List<Detection> detections, long nowNanos) {
        List<Match> all = new ArrayList<>();
        for (Track t : tracks) {
            double[] predicted = t.kalman.boxAfter(seconds(nowNanos - t.lastNanos));
            for (int i = 0; i < detections.size(); i++) {
                Detection d = detections.get(i);
                if (d.classId() == t.last.classId()) {
                    double iou = Math.max(iou(predicted, d), iou(t.last, d));
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
                    out.add(t.end());
                }
                it.remove();
            }
        }
    }

    static double iou(Detection a, Detection b) {
        return iou(new double[] {a.x1(), a.y1(), a.x2(), a.y2()}, b);
    }

    static double iou(double[] a, Detection b) {
        double ix = Math.min(a[2], b.x2()) - Math.max(a[0], b.x1());
        double iy = Math.min(a[3], b.y2()) - Math.max(a[1], b.y1());
        if (ix <= 0 || iy <= 0) {
            return 0;
        }
        double inter = ix * iy;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + b.area() - inter);
    }

    private record Match(Track track, int index, double iou) {}

    private static final class Track {
        final long id;
        final long firstNanos;
        final KalmanBox kalman;
        Detection last;
        Detection reported;
        List<String> zones;
        long lastNanos;
        long reportedNanos;
        float topScore;
        float reportedTopScore;
        int hits = 1;
        int missed;
        boolean confirmed;
        boolean matched = true;

        Track(long id, Detection d, long now, List<String> zones) {
            this.id = id;
            this.last = d;
            this.firstNanos = now;
            this.lastNanos = now;
            this.topScore = d.score();
            this.zones = zones;
            this.kalman = new KalmanBox(d.x1(), d.y1(), d.x2(), d.y2());
        }

        void hit(Detection d, long now, List<String> nowIn, TrackerSettings s, List<TrackEvent> out) {
            kalman.predict(seconds(now - lastNanos));
            kalman.update(d.x1(), d.y1(), d.x2(), d.y2());
            last = d;
            lastNanos = now;
            hits++;
            missed = 0;
            topScore = Math.max(topScore, d.score());
            if (!confirmed) {
                zones = nowIn;
                confirmIfReady(s, out);
            } else if (!nowIn.equals(zones)) {
                List<String> entered = minus(nowIn, zones);
                List<String> left = minus(zones, nowIn);
                zones = nowIn;
                report(EventType.UPDATE, entered, left, out);
            } else if (now - reportedNanos >= s.minUpdateNanos() && changed(s)) {
                report(EventType.UPDATE, List.of(), List.of(), out);
            }
        }

        void confirmIfReady(TrackerSettings s, List<TrackEvent> out) {
            if (hits >= s.minHits()) {
                confirmed = true;
                report(EventType.NEW, zones, List.of(), out);
            }
        }

        /** Disappearing leaves every zone the object was in. */
        TrackEvent end() {
            return new TrackEvent(EventType.END, id, last, topScore, firstNanos, lastNanos,
                    new Zones(List.of(), List.of(), zones));
        }

        private boolean changed(TrackerSettings s) {
            double diag = Math.hypot(reported.width(), reported.height());
            double dx = (last.x1() + last.x2() - reported.x1() - reported.x2()) / 2;
            double dy = (last.y1() + last.y2() - reported.y1() - reported.y2()) / 2;
            boolean moved = diag > 0 && Math.hypot(dx, dy) / diag >= s.minMoveFraction();
            return moved || topScore - reportedTopScore >= s.minScoreGain();
        }

        private void report(EventType type, List<String> entered, List<String> left, List<TrackEvent> out) {
            reported = last;
            reportedNanos = lastNanos;
            reportedTopScore = topScore;
            out.add(new TrackEvent(type, id, last, topScore, firstNanos, lastNanos, new Zones(zones, entered, left)));
        }

        private static List<String> minus(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.removeAll(b);
            return List.copyOf(out);
        }
    }
}
