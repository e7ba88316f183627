package io.edgewatch.compress.data;

import io.edgewatch.ingest.VideoFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Reads frames for calibration and evaluation from a video file, an RTSP URL or a folder of images. Frames are
 * taken every {@code stride}-th decoded frame after {@code skip} frames, so calibration and evaluation can use
 * disjoint frames of the same clip (e.g. even vs odd strides or different offsets).
 */
public final class FrameSampler {
    private FrameSampler() {}

    /** Which frames of a source to take. */
    public record Selection(int skip, int stride, int max) {
        public Selection {
            if (skip < 0) throw new IllegalArgumentException("skip must be >= 0");
            if (stride < 1) throw new IllegalArgumentException("stride must be >= 1");
            if (max < 1) throw new IllegalArgumentException("max must be >= 1");
        }
    }

    /** Frames from a video file or stream URL, or the images of a folder (sorted by name), all in memory. */
    public static List<VideoFrame> read(String source, Selection sel, Consumer<String> progress) throws IOException {
        List<VideoFrame> out = new ArrayList<>();
        try (FrameStream s = open(source, sel)) {
            while (s.hasNext()) {
                out.add(s.next());
                if (out.size() % 25 == 0 || out.size() == sel.max()) {
                    progress.accept(String.format(Locale.ROOT, "read %d/%d frames", out.size(), sel.max()));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    /** The same frames as {@link #read}, decoded lazily one at a time. */
    public static FrameStream open(String source, Selection sel) throws IOException {
        Path p = source.contains("://") ? null : Path.of(source);
        if (p != null && Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                return new FrameStream.Images(s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT)
                        .matches(".*\\.(jpe?g|png|bmp)")).sorted().toList(), sel);
            }
        }
        if (p != null && !Files.isRegularFile(p)) {
            throw new IOException("no such video file or folder: " + source);
        }
        return new FrameStream.Video(source, sel);
    }

    /** One image file as a BGR frame. */
    public static VideoFrame readImage(Path file, long sequence) throws IOException {
        Mat m = opencv_imgcodecs.imread(file.toString());
        try {
            if (m == null || m.empty()) {
                throw new IOException("cannot decode image " + file);
            }
            int w = m.cols();
            int h = m.rows();
            byte[] bgr = new byte[w * h * 3];
            Mat packed = m.isContinuous() ? m : m.clone();
            packed.data().get(bgr);
            return new VideoFrame(file.getFileName().toString(), sequence, 0, Instant.EPOCH, w, h, bgr);
        } finally {
            m.close();
        }
    }
}
