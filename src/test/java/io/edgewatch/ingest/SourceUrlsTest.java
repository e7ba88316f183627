package io.edgewatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SourceUrlsTest {
    @Test
    void liveSchemesAreRecognisedAndPathsAreFiles() {
        assertThat(SourceUrls.isLive("rtsp://cam/1")).isTrue();
        assertThat(SourceUrls.isLive("RTSPS://cam/1")).isTrue();
        assertThat(SourceUrls.isLive("https://cam/mjpeg")).isTrue();
        assertThat(SourceUrls.isLive("test-videos/vtest-people.mp4")).isFalse();
        assertThat(SourceUrls.isLive("file:clip.mp4")).isFalse();
    }

    @Test
    void credentialsNeverSurviveInErrorDescriptions() {
        String url = "rtsp://admin:hunter2@10.0.0.5:554/stream1";
        IOException e = new IOException("avformat_open_input() error -111: Could not open input \"" + url + "\"",
                new IllegalStateException("retry at rtsp://other:pa55@10.0.0.6/x"));
        String text = SourceUrls.describe(e, url);
        assertThat(text).doesNotContain("hunter2").doesNotContain("pa55")
                .contains("rtsp://admin:***@10.0.0.5:554/stream1").contains("IOException")
                .contains("IllegalStateException");
    }

    @Test
    void javacvDeveloperHintsAreDropped() {
        IOException e = new IOException("avformat_open_input() error -2: Could not open input \"x.mp4\". "
                + "(Has setFormat() been called?) (For more details, make sure FFmpegLogCallback.set() has been called.)");
        assertThat(SourceUrls.describe(e, "x.mp4"))
                .isEqualTo("IOException: avformat_open_input() error -2: Could not open input \"x.mp4\".");
    }

    @Test
    void aRefusedConnectionIsRecognisedAndNamedByHostAndPortOnly() {
        assertThat(SourceUrls.isConnectionRefused("Exception: avformat_open_input() error -111: Could not open"))
                .isTrue();
        assertThat(SourceUrls.isConnectionRefused("[tcp @ 0x1] Connection to tcp://h:1 failed: Connection refused"))
                .isTrue();
        assertThat(SourceUrls.isConnectionRefused("avformat_open_input() error -110: Could not open")).isFalse();
        assertThat(SourceUrls.hostPort("rtsp://admin:hunter2@10.0.0.5:8554/stream1")).isEqualTo("10.0.0.5:8554");
        assertThat(SourceUrls.hostPort("rtsp://admin:hunter2@cam.lan/stream1")).isEqualTo("cam.lan:554");
        assertThat(SourceUrls.hostPort("clip.mp4")).isEmpty();
        assertThat(SourceUrls.refused("rtsp://admin:hunter2@10.0.0.5:8554/stream1"))
                .startsWith("connection refused by 10.0.0.5:8554 (")
                .endsWith(": rtsp://admin:***@10.0.0.5:8554/stream1");
    }
}
