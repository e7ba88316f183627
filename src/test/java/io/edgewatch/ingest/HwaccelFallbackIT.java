package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CameraConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real FFmpeg path of {@code cameras[].hwaccel}: on this x86 box without a V4L2 memory-to-memory device the
 * Raspberry Pi decoder cannot open, nor can a misspelt name; both fall back to software and decode the clip.
 */
class HwaccelFallbackIT {
    private static final Path CLIP = Path.of("test-videos/vtest-people.mp4");

    @ParameterizedTest
    @ValueSource(strings = {"h264_v4l2m2m", "no_such_decoder"})
    void unavailableHardwareDecoderFallsBackToSoftware(String hwaccel) throws Exception {
        // On a Raspberry Pi the V4L2 decoder (/dev/video10) exists and would rightly open.
        Assumptions.assumeFalse(hwaccel.contains("v4l2") && Files.exists(Path.of("/dev/video10")));
        CameraConfig cam = CameraConfig.builder("hw").url(CLIP.toString()).hwaccel(hwaccel).build();
        DecoderFallback factory = new DecoderFallback(FfmpegFrameSource::new);
        try (FrameSource source = factory.create(cam, IngestOptions.defaults())) {
            source.open();
            FrameSource.Picture p = source.read(byte[]::new);
            assertThat(p).isNotNull();
            assertThat(p.width()).isEqualTo(768);
        }
        assertThat(factory.hardwareFailed()).isTrue();
    }
}
