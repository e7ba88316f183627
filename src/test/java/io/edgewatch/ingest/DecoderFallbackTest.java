package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DecodeMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** Hardware decoder first, software fallback, with scripted sources that fail by decoder name. */
class DecoderFallbackTest {
    private final List<String> opened = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();
    private boolean hardwareWorks;
    private boolean streamUp = true;

    private final class Scripted implements FrameSource {
        private final String decoder;

        Scripted(String decoder) {
            this.decoder = decoder;
        }

        @Override
        public void open() throws IOException {
            opened.add(decoder);
            if (!streamUp) {
                throw new IOException("Connection refused");
            }
            if (!decoder.isEmpty() && !hardwareWorks) {
                throw new IOException("avcodec_open2() error -22: Could not open video codec " + decoder);
            }
        }

        @Override public boolean grab() { return true; }
        @Override public Picture picture(IntFunction<byte[]> buffers) {
            return new Picture(2, 1, buffers.apply(6));
        }
        @Override public double frameRate() { return decoder.isEmpty() ? 10 : 20; }
        @Override public long declaredFrames() { return 0; }
        @Override public void close() { closed.add(decoder); }
    }

    private static CameraConfig camera(String hwaccel) {
        return CameraConfig.builder("cam").url("rtsp://u:secret@cam/s").hwaccel(hwaccel).build();
    }

    private final DecoderFallback factory = new DecoderFallback((c, o, decoder) -> new Scripted(decoder));

    @Test
    void withoutHwaccelOnlySoftwareIsUsed() throws Exception {
        try (FrameSource s = factory.create(camera(""), IngestOptions.defaults())) {
            s.open();
        }
        assertThat(opened).containsExactly("");
    }

    @Test
    void workingHardwareDecoderIsUsed() throws Exception {
        hardwareWorks = true;
        try (FrameSource s = factory.create(camera("h264_v4l2m2m"), IngestOptions.defaults())) {
            s.open();
            assertThat(s.frameRate()).isEqualTo(20);
        }
        assertThat(opened).containsExactly("h264_v4l2m2m");
        assertThat(factory.hardwareFailed()).isFalse();
    }

    @Test
    void failingHardwareFallsBackAndStaysOnSoftware() throws Exception {
        try (FrameSource s = factory.create(camera("h264_v4l2m2m"), IngestOptions.defaults())) {
            s.open();
            assertThat(s.frameRate()).as("reads come from the software source").isEqualTo(10);
            assertThat(s.read(byte[]::new)).isNotNull();
        }
        assertThat(opened).containsExactly("h264_v4l2m2m", "");
        assertThat(closed).containsExactly("h264_v4l2m2m", "");
        assertThat(factory.hardwareFailed()).isTrue();
        opened.clear();
        try (FrameSource s = factory.create(camera("h264_v4l2m2m"), IngestOptions.defaults())) {
            s.open();
        }
        assertThat(opened).as("no second hardware attempt after a reconnect").containsExactly("");
    }

    @Test
    void aDownCameraDoesNotBlameTheHardwareDecoder() {
        streamUp = false;
        FrameSource s = factory.create(camera("h264_v4l2m2m"), IngestOptions.defaults());
        assertThatThrownBy(s::open).isInstanceOf(IOException.class).hasMessageContaining("Connection refused");
        s.close();
        assertThat(factory.hardwareFailed()).isFalse();
        streamUp = true;
        hardwareWorks = true;
        opened.clear();
        FrameSource again = factory.create(camera("h264_v4l2m2m"), IngestOptions.defaults());
        try (again) {
            again.open();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(opened).as("hardware is tried again once the camera is back").containsExactly("h264_v4l2m2m");
    }

    @Test
    void skipFrameValuesAreFfmpegsAvDiscardNames() {
        assertThat(FfmpegFrameSource.skipFrame(DecodeMode.ALL)).isNull();
        assertThat(FfmpegFrameSource.skipFrame(DecodeMode.NONREF)).isEqualTo("noref");
        assertThat(FfmpegFrameSource.skipFrame(DecodeMode.KEYFRAMES)).isEqualTo("nokey");
    }
}
