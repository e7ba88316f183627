package io.edgewatch.compress.report;

import io.edgewatch.detect.Agreement;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.NanoDetDecoder;
import io.edgewatch.detect.NanoDetDetector;
import io.edgewatch.detect.Nms;
import io.edgewatch.ingest.VideoFrame;
import io.edgewatch.util.TimeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Detection fidelity of a NanoDet-shaped model file against reference detections on the same frames: AP50 and
 * AP50-95 with the reference's boxes above {@code gtMinScore} as ground truth ({@link Agreement}).
 */
public final class Fidelity {
    /** Candidates keep low scores: the precision/recall curve needs them. */
    static final double CANDIDATE_MIN_SCORE = 0.05;

    private final List<VideoFrame> frames;
    private final double gtMinScore;
    private final int threads;
    private final TimeSource time;

    public Fidelity(List<VideoFrame> frames, double gtMinScore, int threads, TimeSource time) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("frames must not be empty");
        }
        this.frames = List.copyOf(frames);
        this.gtMinScore = gtMinScore;
        this.threads = threads;
        this.time = time;
    }

    /** AP figures of one candidate. */
    public record Score(double ap50, double ap50to95, int gtBoxes) {}

    /** Detections of a model on every frame, in frame order. */
    public List<List<Detection>> detect(Path model) {
        NanoDetDecoder decoder = new NanoDetDecoder(416, CANDIDATE_MIN_SCORE, new Nms(0.6, 100));
        List<List<Detection>> out = new ArrayList<>();
        try (NanoDetDetector d = new NanoDetDetector(model, threads, decoder, time, 16)) {
            for (VideoFrame f : frames) {
                out.add(d.detect(f));
            }
        }
        return out;
    }

    public Score score(List<List<Detection>> reference, List<List<Detection>> candidate) {
        Agreement ap = new Agreement(gtMinScore);
        for (int i = 0; i < reference.size(); i++) {
            ap.add(reference.get(i), candidate.get(i));
        }
        int gt = ap.gtCounts().values().stream().mapToInt(Integer::intValue).sum();
        return new Score(ap.ap50(), ap.ap50to95(), gt);
    }
}
