package io.edgewatch.ingest;

import io.edgewatch.config.CameraConfig;
import java.io.IOException;
import java.util.Objects;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a camera with its configured hardware decoder ({@code cameras[].hwaccel}) and falls back to FFmpeg's
 * software decoder when that fails. The hardware decoder is only blamed when the software one then opens the
 * same stream (a camera that is simply down fails both and is retried with hardware next time); once blamed,
 * the camera stays on software. One instance per camera.
 */
public final class DecoderFallback implements FrameSource.Factory {
    private static final Logger log = LoggerFactory.getLogger(DecoderFallback.class);

    /** Creates a source that uses the named decoder; "" means FFmpeg's default (software) decoder. */
    @FunctionalInterface
    public interface Opener {
        FrameSource create(CameraConfig camera, IngestOptions options, String decoder);
    }

    private final Opener opener;
    private volatile boolean hardwareFailed;

    public DecoderFallback(Opener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
    }

    /** True once the hardware decoder failed where the software one worked. */
    public boolean hardwareFailed() {
        return hardwareFailed;
    }

    @Override
    public FrameSource create(CameraConfig camera, IngestOptions options) {
        if (camera.hwaccel().isEmpty() || hardwareFailed) {
            return opener.create(camera, options, "");
        }
        return new Trying(camera, options);
    }

    /** Delegates to the hardware source, or to a software one if the hardware open failed. */
    private final class Trying implements FrameSource {
        private final CameraConfig camera;
        private final IngestOptions options;
        private FrameSource active;

        Trying(CameraConfig camera, IngestOptions options) {
            this.camera = camera;
            this.options = options;
            this.active = opener.create(camera, options, camera.hwaccel());
        }

        @Override
        public void open() throws IOException {
            try {
                active.open();
                return;
            } catch (IOException | RuntimeException | LinkageError e) {
                active.close();
                active = opener.create(camera, options, "");
                active.open(); // if this fails too, the stream is the problem: keep trying hardware later
                hardwareFailed = true;
                log.warn("camera {}: hardware decoder {} failed ({}); using the software decoder from now on",
                        camera.name(), camera.hwaccel(), SourceUrls.describe(e, camera.ingestUrl()));
            }
        }

        @Override
        public boolean grab() throws IOException {
            return active.grab();
        }

        @Override
        public Picture picture(IntFunction<byte[]> buffers) throws IOException {
            return active.picture(buffers);
        }

        @Override
        public Picture decoded(IntFunction<byte[]> buffers) throws IOException {
            return active.decoded(buffers);
        }

        @Override
        public long timestampMicros() {
            return active.timestampMicros();
        }

        @Override
        public double frameRate() {
            return active.frameRate();
        }

        @Override
        public long declaredFrames() {
            return active.declaredFrames();
        }

        @Override
        public void close() {
            active.close();
        }
    }
}
