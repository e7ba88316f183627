package io.edgewatch.config;

import static io.edgewatch.config.ConfigLoaderTest.catchConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/config.md against the loader: every key the loader accepts (from its own tables) is documented, no
 * documented key is stale, and each documented default is what the loader actually produces.
 */
class ConfigDocsTest {
    private static final Path DOC = Path.of("docs/config.md");
    /** Table rows: | `path` | type | default | allowed | meaning | */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z_\\[\\].]+)`\\s*\\|[^|]*\\|\\s*([^|]*?)\\s*\\|");

    @TempDir
    Path base;

    Map<String, String> documentedDefaults() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher m = ROW.matcher(line);
            if (m.find()) {
                assertThat(rows.put(m.group(1), m.group(2))).as("documented twice: " + m.group(1)).isNull();
            }
        }
        return rows;
    }

    @Test
    void everyAcceptedKeyIsDocumentedAndNothingElse() throws IOException {
        assertThat(documentedDefaults().keySet()).containsExactlyInAnyOrderElementsOf(ConfigKeys.allPaths());
    }

    @Test
    void documentedDefaultsAreTheLoadersDefaults() throws Exception {
        ConfigLoaderTest.touch(base, "models/nanodet-m-416.int8.onnx");
        EdgewatchConfig defaults = new ConfigLoader(Map.of(), base)
                .parse("cameras: [{name: a, url: rtsp://cam/s}]", "t.yaml");

        Map<String, String> docs = documentedDefaults();
        docs.forEach((path, cell) -> {
            if (cell.equals("required")) {
                return;
            }
            Object actual = valueAt(defaults, path);
            String doc = unquote(cell);
            if (actual instanceof Path p) {
                assertThat(p).as(path).isEqualTo(base.resolve(doc).normalize());
            } else if (actual instanceof java.time.Duration d) {
                assertThat(d).as(path).isEqualTo(java.time.Duration.parse("PT" + doc.toUpperCase()));
            } else if (actual instanceof Enum<?> e) {
                assertThat(e.name().toLowerCase(java.util.Locale.ROOT)).as(path).isEqualTo(doc);
            } else if (actual instanceof Number n) {
                assertThat(n.doubleValue()).as(path).isEqualTo(Double.parseDouble(doc));
            } else if (actual instanceof Collection<?> c && !c.isEmpty()) { // a list of files: model.variants
                List<String> files = List.of(doc.substring(1, doc.length() - 1).split(",\\s*"));
                assertThat(c.stream().map(String::valueOf).toList()).as(path)
                        .isEqualTo(files.stream().map(f -> base.resolve(f).normalize().toString()).toList());
            } else if (actual instanceof Collection<?> || actual instanceof Map<?, ?>) {
                assertThat(doc).as(path).isIn("[]", "{}");
                assertThat(actual instanceof Map<?, ?> m ? m.isEmpty() : ((Collection<?>) actual).isEmpty()).as(path).isTrue();
            } else {
                assertThat(String.valueOf(actual)).as(path).isEqualTo(doc);
            }
        });
    }

    @Test
    void keysDocumentedAsRequiredAreRequired() throws Exception {
        ConfigLoaderTest.touch(base, "models/nanodet-m-416.int8.onnx");
        List<String> required = documentedDefaults().entrySet().stream().filter(e -> e.getValue().equals("required"))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        assertThat(required).isNotEmpty().allMatch(p -> p.startsWith("cameras[]."));

        Map<String, String> minimal = Map.of("name", "a", "url", "rtsp://cam/s");
        assertThat(minimal.keySet()).containsExactlyInAnyOrderElementsOf(
                required.stream().map(p -> p.substring("cameras[].".length())).toList());
        for (String key : minimal.keySet()) {
            String entry = minimal.entrySet().stream().filter(e -> !e.getKey().equals(key))
                    .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
            String errors = catchConfig(() -> new ConfigLoader(Map.of(), base)
                    .parse("cameras: [{" + entry + "}]", "t.yaml")).format();
            assertThat(errors).isEqualTo("cameras[0]." + key + ": is required");
        }
    }

    /** {@code model.input_size} is {@code config.model().inputSize()}; {@code cameras[]} is the first camera. */
    private static Object valueAt(Object root, String path) {
        Object cur = root;
        for (String part : path.split("\\.")) {
            boolean list = part.endsWith("[]");
            cur = invoke(cur, camel(list ? part.substring(0, part.length() - 2) : part));
            if (list) {
                cur = ((List<?>) cur).get(0);
            }
        }
        return cur;
    }

    private static Object invoke(Object target, String accessor) {
        try {
            Method m = target.getClass().getMethod(accessor);
            return m.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no accessor " + accessor + " on " + target.getClass().getSimpleName(), e);
        }
    }

    private static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                b.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return b.toString();
    }

    private static String unquote(String cell) {
        String s = cell.replace("`", "");
        return s.equals("\"\"") ? "" : s;
    }
}
