package io.edgewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvSubstitutorTest {
    private final EnvSubstitutor env = new EnvSubstitutor(Map.of("HOST", "cam1", "USER", "viewer", "EMPTY", ""));

    @Test
    void replacesEveryPlaceholder() {
        assertThat(env.apply("rtsp://${USER}@${HOST}:554/s").value()).isEqualTo("rtsp://viewer@cam1:554/s");
        assertThat(env.apply("plain").value()).isEqualTo("plain");
    }

    @Test
    void defaultAppliesWhenUnsetOrEmptyLikeAShell() {
        assertThat(env.apply("${PORT:-554}").value()).isEqualTo("554");
        assertThat(env.apply("${EMPTY:-x}").value()).isEqualTo("x");
        assertThat(env.apply("${HOST:-other}").value()).isEqualTo("cam1");
        assertThat(env.apply("${NONE:-}").problems()).isEmpty();
    }

    @Test
    void missingVariableIsAProblemNamingIt() {
        EnvSubstitutor.Result r = env.apply("${A}-${EMPTY}");

        assertThat(r.problems()).containsExactly(
                "environment variable A is not set (write ${A:-default} to give a default)",
                "environment variable EMPTY is empty (write ${EMPTY:-default} to give a default)");
    }

    @Test
    void escapeAndMalformedPlaceholders() {
        assertThat(env.apply("$${HOST}").value()).isEqualTo("${HOST}");
        assertThat(env.apply("${HOST").problems()).containsExactly("unterminated placeholder (missing '}')");
        assertThat(env.apply("${1X}").problems()).singleElement().asString().startsWith("invalid placeholder ${1X}");
    }
}
