package io.edgewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {
    @Test
    void hidesUserinfoPasswordAndKeepsTheUser() {
        assertThat(Redact.url("rtsp://admin:s3cr@t@10.0.0.2:554/x")).isEqualTo("rtsp://admin:***@10.0.0.2:554/x");
        assertThat(Redact.url("rtsp://10.0.0.2:554/x")).isEqualTo("rtsp://10.0.0.2:554/x");
        assertThat(Redact.url(null)).isNull();
    }

    @Test
    void hidesCredentialQueryParametersAndKeepsTheirNames() {
        assertThat(Redact.url("http://cam/snap.cgi?user=admin&password=pw1&channel=1&token=t2;pwd=p3#x"))
                .isEqualTo("http://cam/snap.cgi?user=admin&password=***&channel=1&token=***;pwd=***#x");
        assertThat(Redact.url("https://h/x?API_KEY=k&apikey=k&access_token=k&secret=k&auth=k&key=k&pass=k&passwd=k"))
                .doesNotContain("=k");
        assertThat(Redact.url("rtsp://h/x?channel=1&subtype=0")).isEqualTo("rtsp://h/x?channel=1&subtype=0");
    }

    @Test
    void redactsEveryUrlInsideFreeTextSuchAsStackTraces() {
        String trace = """
                java.io.IOException: cannot read rtsp://u:CANARY@127.0.0.1:1/x
                Caused by: Exception: Could not open input "rtsp://u:CANARY@127.0.0.1:1/x?password=CANARY".
                {"camera":"a","url":"http://h/?token=CANARY"}""";
        assertThat(Redact.text(trace)).doesNotContain("CANARY").contains("rtsp://u:***@127.0.0.1:1/x")
                .contains("\"url\":\"http://h/?token=***\"");
        assertThat(Redact.text("mail admin@example.org, a=b")).isEqualTo("mail admin@example.org, a=b");
    }
}
