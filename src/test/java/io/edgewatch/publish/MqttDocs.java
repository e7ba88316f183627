package io.edgewatch.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads docs/mqtt.md for the contract tests: the topic table and the JSON examples. */
final class MqttDocs {
    static final Path FILE = Path.of("docs/mqtt.md");
    private static final Pattern TOPIC_ROW = Pattern.compile("^\\|\\s*`([^`]+/[^`]+)`\\s*\\|");
    private static final Pattern BRACES = Pattern.compile("\\{([a-z_]+(?:,[a-z_]+)+)}");

    private MqttDocs() {}

    static String text() throws IOException {
        return Files.readString(FILE);
    }

    /** Topic column of the topic table, with {a,b} alternatives expanded and placeholders substituted. */
    static List<String> topics(String prefix, String device, String camera, String labelId, String discovery)
            throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(FILE)) {
            Matcher m = TOPIC_ROW.matcher(line);
            if (m.find()) {
                String t = m.group(1).replace("{prefix}", prefix).replace("{device}", device)
                        .replace("{camera}", camera).replace("{label_id}", labelId)
                        .replace("{discovery_prefix}", discovery);
                expand(t, out);
            }
        }
        return out;
    }

    /** The JSON code block that follows the first line containing {@code marker}. */
    static String jsonAfter(String marker) throws IOException {
        String text = text();
        int at = text.indexOf(marker);
        int start = text.indexOf("```json\n", at) + "```json\n".length();
        return text.substring(start, text.indexOf("```", start));
    }

    private static void expand(String topic, List<String> out) {
        Matcher b = BRACES.matcher(topic);
        if (!b.find()) {
            out.add(topic);
            return;
        }
        for (String alt : b.group(1).split(",")) {
            expand(topic.substring(0, b.start()) + alt + topic.substring(b.end()), out);
        }
    }
}
