package io.edgewatch.compress.distill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.edgewatch.config.CocoNames;
import io.edgewatch.detect.Detection;
import io.edgewatch.detect.Detector;
import io.edgewatch.ingest.VideoFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Teacher-labelled data for distillation: frames written as JPEG under {@code images/} and the teacher's
 * detections as a COCO detection file {@code annotations.json} (bbox in pixels [x, y, w, h], plus the teacher's
 * {@code score} per annotation so a student can be trained on soft or thresholded labels). Category ids are the
 * model's class index + 1 (COCO-80 order), names as the model reports them.
 */
public final class TeacherExport {
    private final Detector teacher;
    private final double minScore;
    private final int jpegQuality;

    public TeacherExport(Detector teacher, double minScore, int jpegQuality) {
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be in [0,1]: " + minScore);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new IllegalArgumentException("jpegQuality must be in [1,100]: " + jpegQuality);
        }
        this.teacher = teacher;
        this.minScore = minScore;
        this.jpegQuality = jpegQuality;
    }

    /** Counts of what was written. */
    public record Summary(int images, int annotations, Path annotationsFile) {}

    public Summary export(List<VideoFrame> frames, Path outDir, Consumer<String> progress) throws IOException {
        Path images = outDir.resolve("images");
        Files.createDirectories(images);
        List<Map<String, Object>> imageList = new ArrayList<>();
        List<Map<String, Object>> annotations = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            VideoFrame f = frames.get(i);
            String file = String.format(Locale.ROOT, "%06d.jpg", i);
            writeJpeg(f, images.resolve(file));
            imageList.add(Map.of("id", i + 1, "file_name", "images/" + file, "width", f.width(), "height", f.height()));
            for (Detection d : teacher.detect(f)) {
                if (d.score() >= minScore) {
                    annotations.add(annotation(annotations.size() + 1, i + 1, d, f));
                }
            }
            if ((i + 1) % 25 == 0 || i + 1 == frames.size()) {
                progress.accept(String.format(Locale.ROOT, "labelled %d/%d frames, %d boxes", i + 1, frames.size(),
                        annotations.size()));
            }
        }
        Map<String, Object> coco = new LinkedHashMap<>();
        coco.put("info", Map.of("description", "teacher-labelled frames", "teacher", teacher.modelName(),
                "teacher_sha256", teacher.modelSha256(), "min_score", minScore));
        coco.put("images", imageList);
        coco.put("annotations", annotations);
        coco.put("categories", categories());
        Path json = outDir.resolve("annotations.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), coco);
        return new Summary(frames.size(), annotations.size(), json);
    }

    private static Map<String, Object> annotation(int id, int imageId, Detection d, VideoFrame f) {
        double x = d.x1() * f.width();
        double y = d.y1() * f.height();
        double w = d.width() * f.width();
        double h = d.height() * f.height();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", id);
        a.put("image_id", imageId);
        a.put("category_id", d.classId() + 1);
        a.put("bbox", List.of(round(x), round(y), round(w), round(h)));
        a.put("area", round(w * h));
        a.put("iscrowd", 0);
        a.put("score", round(d.score()));
        return a;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static List<Map<String, Object>> categories() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < CocoNames.size(); i++) {
            out.add(Map.of("id", i + 1, "name", CocoNames.label(i)));
        }
        return out;
    }

    private void writeJpeg(VideoFrame f, Path file) throws IOException {
        try (Mat m = new Mat(f.height(), f.width(), opencv_core.CV_8UC3)) {
            m.data().put(f.bgr(), 0, f.width() * f.height() * 3);
            int[] p = {opencv_imgcodecs.IMWRITE_JPEG_QUALITY, jpegQuality};
            if (!opencv_imgcodecs.imwrite(file.toString(), m, p)) {
                throw new IOException("cannot write " + file);
            }
        }
    }
}
