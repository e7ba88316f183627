package io.edgewatch.bench;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.detect.NanoDetPreprocessor;
import io.edgewatch.ingest.FfmpegFrameSource;
import io.edgewatch.ingest.FrameSource;
import io.edgewatch.ingest.IngestOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/** Reads one real frame of the clip and preprocesses it the daemon's way, as the shared input of every runtime. */
final class SampleFrames {
    private SampleFrames() {}

    static CameraConfig fileCamera(String name, Path clip, boolean loop, double detectFps) {
        return CameraConfig.builder(name).url(clip.toString()).loop(loop).detectFps(detectFps).build();
    }

    /** The {@code index}-th decoded picture of {@code clip}. */
    static FrameSource.Picture picture(Path clip, int index) throws IOException {
        try (FrameSource src = new FfmpegFrameSource(fileCamera("bench", clip, false, 1), IngestOptions.defaults())) {
            src.open();
            FrameSource.Picture last = null;
            for (int i = 0; i <= index; i++) {
                FrameSource.Picture p = src.read(byte[]::new);
                if (p == null) {
                    break;
                }
                last = p;
            }
            if (last == null) {
                throw new IOException("no frames decoded from " + clip);
            }
            return last;
        }
    }

    /** NCHW float input of {@code size}x{@code size}, copied into a fresh direct buffer the caller owns. */
    static FloatBuffer input(FrameSource.Picture p, int size) {
        NanoDetPreprocessor pre = new NanoDetPreprocessor(size);
        FloatBuffer filled = pre.fill(p.bgr(), p.width(), p.height()).duplicate();
        filled.rewind();
        FloatBuffer copy = ByteBuffer.allocateDirect(filled.remaining() * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        copy.put(filled);
        copy.rewind();
        return copy;
    }
}
