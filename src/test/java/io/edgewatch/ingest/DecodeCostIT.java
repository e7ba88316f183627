package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgewatch.config.CameraConfig;
import io.edgewatch.config.DecodeMode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decoder CPU per camera with and without frame skipping, on 720p 15 fps H.264 made at test time from the
 * bundled clip (into target/, not committed): once as x264 encodes by default (with B-frames) and once as IP
 * cameras send it (no B-frames, GOP 30 = one keyframe per 2 s). CPU is the decoding thread's own CPU time
 * (ThreadMXBean; FFmpeg runs single-threaded here, decoderThreads = 1), BGR conversion included. The numbers
 * go to docs/performance.md; asserted are only the frame counts and "skipping costs less".
 */
class DecodeCostIT {
    private static final Path SOURCE = Path.of("test-videos/vtest-people.mp4");
    private static final Path WITH_B = Path.of("target/perf/vtest-720p15-bframes.mp4");
    private static final Path NO_B = Path.of("target/perf/vtest-720p15-ipcam.mp4");

    @BeforeAll
    static void makeClips() throws Exception {
        Files.createDirectories(WITH_B.getParent());
        encode(WITH_B, List.of("-g", "30"));
        encode(NO_B, List.of("-bf", "0", "-g", "30"));
    }

    private static void encode(Path out, List<String> extra) throws Exception {
        if (Files.exists(out)) {
            return;
        }
        List<String> cmd = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-i", SOURCE.toString(),
                "-vf", "scale=1280:720", "-r", "15", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"));
        cmd.addAll(extra);
        cmd.add(out.toString());
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }

    private record Cost(long frames, long cpuNanos, double seconds) {
        double cpuPercentOfCore() { return 100.0 * cpuNanos / (seconds * 1e9); }
        double msPerFrame() { return cpuNanos / 1e6 / frames; }
    }

    private static Cost decode(Path clip, DecodeMode mode) throws Exception {
        CameraConfig cam = CameraConfig.builder("perf").url(clip.toString()).detectFps(1).decode(mode).build();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[][] buf = new byte[1][];
        try (FfmpegFrameSource source = new FfmpegFrameSource(cam, IngestOptions.defaults())) {
            source.open();
            double seconds = source.declaredFrames() / source.frameRate();
            long frames = 0;
            long cpu0 = mx.getCurrentThreadCpuTime();
            while (source.read(n -> buf[0] != null && buf[0].length == n ? buf[0] : (buf[0] = new byte[n])) != null) {
                frames++;
            }
            return new Cost(frames, mx.getCurrentThreadCpuTime() - cpu0, seconds);
        }
    }

    @Test
    void skippingDecodesFewerFramesForLessCpu() throws Exception {
        decode(NO_B, DecodeMode.ALL); // warm up natives and caches
        StringBuilder table = new StringBuilder("| clip | decode | frames decoded | decoder CPU (s) | ms/frame"
                + " | % of one core at real time |\n|---|---|---|---|---|---|\n");
        for (Path clip : List.of(WITH_B, NO_B)) {
            Cost all = decode(clip, DecodeMode.ALL);
            Cost nonref = decode(clip, DecodeMode.NONREF);
            Cost key = decode(clip, DecodeMode.KEYFRAMES);
            for (var e : List.of(List.of("all", all), List.of("nonref", nonref), List.of("keyframes", key))) {
                Cost c = (Cost) e.get(1);
                table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.2f | %.1f |%n",
                        clip.getFileName(), e.get(0), c.frames(), c.cpuNanos() / 1e9, c.msPerFrame(),
                        c.cpuPercentOfCore()));
            }
            assertThat(all.frames()).isBetween(440L, 460L); // 30 s at 15 fps
            assertThat(key.frames()).as("one keyframe per 30 frames").isBetween(14L, 20L);
            assertThat(key.cpuNanos()).isLessThan(all.cpuNanos() / 2);
            assertThat(nonref.frames()).isLessThanOrEqualTo(all.frames());
            if (clip == WITH_B) {
                assertThat(nonref.frames()).as("x264 default leaves non-reference B-frames").isLessThan(all.frames());
                assertThat(nonref.cpuNanos()).isLessThan(all.cpuNanos());
            } else {
                assertThat(nonref.frames()).as("no B-frames: every frame is a reference").isEqualTo(all.frames());
            }
        }
        System.out.print(table);
    }
}
