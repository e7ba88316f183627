package io.edgewatch.compress.data;

import io.edgewatch.ingest.VideoFrame;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
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

    /** Frames from a video file or stream URL, or the images of a folder (sorted by name). */
    public static List<VideoFrame> read(String source, Selection sel, Consumer<String> progress) throws IOException {
        Path p = Path.of(source);
        if (!source.contains("://") && Files.isDirectory(p)) {
            return readImages(p, sel, progress);
        }
        if (!source.contains("://") && !Files.isRegularFile(p)) {
            throw new IOException("no such video file or folder: " + source);
        }
        return readVideo(source, sel, progress);
    }

    static List<VideoFrame> readVideo(String url, Selection sel, Consumer<String> progress) throws IOException {
        List<VideoFrame> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(url)) {
            if (url.startsWith("rtsp")) {
                g.setOption("rtsp_transport", "tcp");
                g.setOption("timeout", "10000000");
            }
            g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            g.start();
            long index = 0;
            Frame f;
            while (out.size() < sel.max() && (f = g.grabImage()) != null) {
                if (index >= sel.skip() && (index - sel.skip()) % sel.stride() == 0) {
                    out.add(copy(out.size(), f));
                    if (out.size() % 25 == 0 || out.size() == sel.max()) {
                        progress.accept(String.format(Locale.ROOT, "read %d/%d frames", out.size(), sel.max()));
                    }
                }
                index++;
            }
            g.stop();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException("cannot read " + url + ": " + e.getMessage(), e);
        }
        return out;
    }

    static List<VideoFrame> readImages(Path dir, Selection sel, Consumer<String> progress) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp)"))
                    .sorted().toList();
        }
        List<VideoFrame> out = new ArrayList<>();
        for (int i = sel.skip(); i < files.size() && out.size() < sel.max(); i += sel.stride()) {
            out.add(readImage(files.get(i), out.size()));
            progress.accept(String.format(Locale.ROOT, "read %d images", out.size()));
        }
        return out;
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

    private static VideoFrame copy(long seq, Frame f) {
        int w = f.imageWidth;
        int h = f.imageHeight;
        int stride = f.imageStride;
        ByteBuffer buf = (ByteBuffer) f.image[0];
        byte[] bgr = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            buf.position(y * stride);
            buf.get(bgr, y * w * 3, w * 3);
        }
        buf.rewind();
        return new VideoFrame("sample", seq, 0, Instant.EPOCH, w, h, bgr);
    }
}
