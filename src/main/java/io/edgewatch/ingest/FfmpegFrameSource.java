package io.edgewatch.ingest;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DecodeMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * {@link FrameSource} over JavaCV's FFmpegFrameGrabber (FFmpeg 7.1 in javacv 1.5.12) in RAW mode: a grab leaves
 * the decoder's picture in place, and only a picture that is asked for is copied (as decoded, I420) or converted
 * to BGR into a caller-supplied array before it leaves this class.
 */
public final class FfmpegFrameSource implements FrameSource {
    private final CameraConfig camera;
    private final FFmpegFrameGrabber grabber;
    private final String decoder;
    private final BgrConverter converter;
    private AVFrame picture; // the last grabbed frame, the decoder's until the next grab
    private boolean started;

    public FfmpegFrameSource(CameraConfig camera, IngestOptions options) {
        this(camera, options, camera.hwaccel());
    }

    /**
     * @param decoder FFmpeg decoder name to force (e.g. h264_v4l2m2m), or empty for FFmpeg's default software one
     */
    public FfmpegFrameSource(CameraConfig camera, IngestOptions options, String decoder) {
        this.camera = Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(options, "options");
        this.decoder = decoder == null ? "" : decoder.strip();
        this.grabber = new FFmpegFrameGrabber(camera.ingestUrl());
        // RAW: the grabber hands out the decoder's own picture and converts nothing; BgrConverter converts only the
        // frames the detect loop will take (a 15 fps camera detected at 2 fps: 2 conversions a second, not 15).
        this.converter = new BgrConverter(options.colour());
        grabber.setImageMode(FrameGrabber.ImageMode.RAW);
        grabber.setVideoOption("threads", Integer.toString(options.decoderThreads()));
        if (decoder != null && !decoder.isBlank()) {
            grabber.setVideoCodecName(decoder);
        }
        String skip = skipFrame(camera.decode());
        if (skip != null) {
            // AVCodecContext.skip_frame (AVDiscard), passed to avcodec_open2 as a codec option: the decoder
            // drops these frames before reconstructing pixels and grab() never returns them.
            grabber.setVideoOption("skip_frame", skip);
        }
        applyNetworkOptions(options);
    }

    /** FFmpeg's AVDiscard option value for a decode mode: nonref = "noref", keyframes = "nokey". */
    static String skipFrame(DecodeMode decode) {
        return switch (decode) {
            case ALL -> null;
            case NONREF -> "noref";
            case KEYFRAMES -> "nokey";
        };
    }

    private void applyNetworkOptions(IngestOptions options) {
        String url = camera.ingestUrl();
        if (!SourceUrls.isLive(url)) {
            return;
        }
        String micros = Long.toString(options.ioTimeout().toNanos() / 1000);
        if (SourceUrls.isRtsp(url)) {
            // FFmpeg >= 5 (7.1 here): the RTSP demuxer's socket I/O timeout is "timeout" in microseconds and
            // also bounds the connect; "stimeout" no longer exists and "rw_timeout" is not an RTSP option.
            grabber.setOption("rtsp_transport", transport());
            grabber.setOption("timeout", micros);
        } else {
            // Protocol-level (http, tcp, rtmp...): connect/read timeout and a stall timeout on the AVIO layer.
            grabber.setOption("timeout", micros);
            grabber.setOption("rw_timeout", micros);
        }
    }

    private String transport() {
        return camera.rtspTransport().configName();
    }

    @Override
    public void open() throws IOException {
        // av_dump_format() prints the input URL, credentials included, at INFO: keep FFmpeg's (process-wide)
        // native log to warnings and errors.
        if (avutil.av_log_get_level() > avutil.AV_LOG_WARNING) {
            avutil.av_log_set_level(avutil.AV_LOG_WARNING);
        }
        // FFmpeg's native log goes to SLF4J through one process-wide callback installed by the owner of the
        // process (the daemon: FfmpegLog, per camera and rate-limited; tools: JavaCV's FFmpegLogCallback), not
        // here: a source re-installing JavaCV's would undo the daemon's.
        if (!SourceUrls.isLive(camera.ingestUrl()) && !camera.ingestUrl().startsWith("file:")
                && !Files.isReadable(Path.of(camera.ingestUrl()))) {
            throw new NoSuchFileException(camera.ingestUrl(), null, "no such file or not readable");
        }
        // JavaCV quietly uses the default decoder when a named one does not exist: say so instead.
        if (!decoder.isEmpty() && avcodec.avcodec_find_decoder_by_name(decoder) == null) {
            throw new IOException("this FFmpeg build has no decoder named " + decoder);
        }
        grabber.start();
        started = true;
        if (!grabber.hasVideo()) {
            throw new IOException("no video stream in " + camera.ingestUrl());
        }
    }

    @Override
    public boolean grab() throws IOException {
        picture = null;
        Frame frame = grabber.grabImage();
        if (frame == null) {
            return false;
        }
        if (!(frame.opaque instanceof AVFrame decoded) || decoded.data(0) == null || decoded.width() <= 0) {
            throw new IOException("the decoder returned no software picture (hardware frames are not supported)");
        }
        picture = decoded;
        return true;
    }

    @Override
    public Picture picture(IntFunction<byte[]> buffers) throws IOException {
        if (picture == null) {
            throw new IllegalStateException("no frame grabbed");
        }
        int w = picture.width();
        int h = picture.height();
        byte[] bgr = buffers.apply(w * h * 3);
        converter.convert(picture, bgr);
        picture = null;
        return new Picture(w, h, bgr);
    }

    @Override
    public Picture decoded(IntFunction<byte[]> buffers) throws IOException {
        if (picture == null) {
            throw new IllegalStateException("no frame grabbed");
        }
        byte[] i420 = converter.copyI420(picture, buffers);
        if (i420 == null) {
            return picture(buffers);
        }
        Picture p = new Picture(picture.width(), picture.height(), PixelFormat.I420, i420);
        picture = null;
        return p;
    }

    @Override
    public long timestampMicros() {
        return grabber.getTimestamp();
    }

    @Override
    public double frameRate() {
        return grabber.getVideoFrameRate();
    }

    @Override
    public long declaredFrames() {
        return Math.max(0, grabber.getLengthInVideoFrames());
    }

    @Override
    public void close() {
        try {
            if (started) {
                grabber.stop();
            }
            grabber.release();
        } catch (FrameGrabber.Exception e) {
            // Nothing to recover: the next attempt makes a new grabber.
            org.slf4j.LoggerFactory.getLogger(FfmpegFrameSource.class).debug("camera {}: close failed: {}",
                    camera.name(), SourceUrls.describe(e, camera.ingestUrl()));
        } finally {
            converter.close();
        }
    }
}
