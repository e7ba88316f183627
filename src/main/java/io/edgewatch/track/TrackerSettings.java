package io.edgewatch.track;

/**
 * @param matchIou          minimum IoU between a track and a detection of the same label to match them
 * @param minHits           detections needed before a track is confirmed and reported as NEW
 * @param maxMissed         consecutive detect passes without a match before a track ENDs
 * @param minMoveFraction   centre movement, as a fraction of the box diagonal, that makes an UPDATE
 * @param minScoreGain      rise of the best score that makes an UPDATE
 * @param minUpdateNanos    at most one UPDATE per track per this interval
 */
public record TrackerSettings(double matchIou, int minHits, int maxMissed, double minMoveFraction,
                              double minScoreGain, long minUpdateNanos) {
    public TrackerSettings {
        if (!(matchIou > 0 && matchIou < 1)) throw new IllegalArgumentException("matchIou must be in (0,1)");
        if (minHits < 1) throw new IllegalArgumentException("minHits must be >= 1");
        if (maxMissed < 1) throw new IllegalArgumentException("maxMissed must be >= 1");
        if (minMoveFraction <= 0) throw new IllegalArgumentException("minMoveFraction must be positive");
        if (minScoreGain <= 0) throw new IllegalArgumentException("minScoreGain must be positive");
        if (minUpdateNanos < 0) throw new IllegalArgumentException("minUpdateNanos must be >= 0");
    }

    /** Defaults that suit 2-10 detect fps: confirm on the 2nd hit, end after 5 misses, update at most 1/s. */
    public static TrackerSettings defaults() {
        return new TrackerSettings(0.3, 2, 5, 0.1, 0.05, 1_000_000_000L);
    }
}
