package io.edgewatch.compress.data;

import io.edgewatch.ingest.VideoFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Frames of a {@link FrameSampler.Selection}, decoded one at a time on demand, so calibration over hundreds of
 * large frames holds only one in memory. Not thread-safe; close it to release the decoder.
 */
public abstract class FrameStream implements Iterator<VideoFrame>, AutoCloseable {

    private final FrameSampler.Selection sel;
    private VideoFrame next;
    private int taken;

    FrameStream(FrameSampler.Selection sel) {
        this.sel = sel;
    }

    /** How many frames were handed out so far. */
    public int taken() {
        return taken;
    }

    @Override
    public boolean hasNext() {
        if (next == null && taken < sel.max()) {
            try {
                next = fetch(taken);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public VideoFrame next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        VideoFrame f = next;
        next = null;
        taken++;
        return f;
    }

    @Override
    public abstract void close();

    /** The {@code index}-th selected frame, or null at the end of the source. */
    abstract VideoFrame fetch(int index) throws IOException;

    FrameSampler.Selection selection() {
        return sel;
    }

    /** A video file or stream URL (RTSP over TCP). */
    static final class Video extends FrameStream {
        private final String url;
        private final FFmpegFrameGrabber grabber;
        private long decoded;

        Video(String url, FrameSampler.Selection sel) throws IOException {
            super(sel);
            this.url = url;
            this.grabber = new FFmpegFrameGrabber(url);
            if (url.startsWith("rtsp")) {
                grabber.setOption("rtsp_transport", "tcp");
                grabber.setOption("timeout", "10000000");
            }
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            try {
                grabber.start();
            } catch (FFmpegFrameGrabber.Exception e) {
                close();
                throw new IOException("cannot read " + url + ": " + e.getMessage(), e);
            }
        }

        @Override
        VideoFrame fetch(int index) throws IOException {
            try {
                Frame f;
                while ((f = grabber.grabImage()) != null) {
                    long i = decoded++;
                    if (i >= selection().skip() && (i - selection().skip()) % selection().stride() == 0) {
                        return copy(index, i, f);
                    }
                }
                return null;
            } catch (FFmpegFrameGrabber.Exception e) {
                throw new IOException("cannot read " + url + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                grabber.close();
            } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
                // nothing left to release that matters for an offline tool
            }
        }

        private static VideoFrame copy(long seq, long sourceIndex, Frame f) {
            int w = f.imageWidth;
            int h = f.imageHeight;
            ByteBuffer buf = (ByteBuffer) f.image[0];
            byte[] bgr = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                buf.position(y * f.imageStride);
                buf.get(bgr, y * w * 3, w * 3);
            }
            buf.rewind();
            return new VideoFrame("frame-" + sourceIndex, seq, 0, Instant.EPOCH, w, h, bgr);
        }
    }

    /** Images of a folder, sorted by name. */
    static final class Images extends FrameStream {
        private final List<Path> files;

        Images(List<Path> files, FrameSampler.Selection sel) {
            super(sel);
            this.files = List.copyOf(files);
        }

        @Override
        VideoFrame fetch(int index) throws IOException {
            int i = selection().skip() + index * selection().stride();
            return i < files.size() ? FrameSampler.readImage(files.get(i), index) : null;
        }

        @Override
        public void close() {
            // nothing held open between images
        }
    }
}
