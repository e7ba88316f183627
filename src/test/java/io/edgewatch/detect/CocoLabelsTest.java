package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CocoLabelsTest {
    @Test
    void hasEightyDistinctLabels() {
        assertThat(CocoLabels.size()).isEqualTo(80);
        assertThat(CocoLabels.all()).doesNotHaveDuplicates();
        assertThat(CocoLabels.label(0)).isEqualTo("person");
        assertThat(CocoLabels.label(16)).isEqualTo("dog");
        assertThat(CocoLabels.label(79)).isEqualTo("toothbrush");
        assertThat(CocoLabels.indexOf("truck")).isEqualTo(7);
        assertThat(CocoLabels.indexOf("unicorn")).isEqualTo(-1);
    }

    @Test
    void rejectsOutOfRangeIds() {
        assertThatThrownBy(() -> CocoLabels.label(80)).hasMessageContaining("classId");
    }

    @Test
    void matchesDarknetsCocoNames() throws IOException {
        Path names = Path.of("/usr/share/darknet/data/coco.names");
        Assumptions.assumeTrue(Files.exists(names), "Debian package darknet not installed");
        List<String> expected = Files.readAllLines(names).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(CocoLabels.all()).containsExactlyElementsOf(expected);
    }
}
