package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The event example in docs/mqtt.md names the default model the way events do. */
class ModelNameDocsTest {
    @Test
    void exampleModelNameIsWhatTheDefaultModelIsCalledInEvents() throws Exception {
        Matcher path = Pattern.compile("(?m)^\\| `model\\.path` \\|[^|]*\\| `([^`]+)` \\|")
                .matcher(Files.readString(Path.of("docs/config.md")));
        assertThat(path.find()).as("model.path default in docs/config.md").isTrue();
        String doc = Files.readString(Path.of("docs/mqtt.md"));
        int start = doc.indexOf("```json\n", doc.indexOf("## Events")) + "```json\n".length();
        String example = new ObjectMapper().readTree(doc.substring(start, doc.indexOf("```", start)))
                .get("model").get("name").asText();
        assertThat(example).isEqualTo(ModelFiles.modelName(Path.of(path.group(1))));
    }
}
