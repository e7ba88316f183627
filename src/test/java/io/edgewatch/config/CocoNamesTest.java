package io.edgewatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CocoNamesTest {
    @Test
    void eightyUniqueLabelsInClassIdOrder() {
        assertThat(CocoNames.LABELS).hasSize(80).doesNotHaveDuplicates();
        assertThat(CocoNames.size()).isEqualTo(80);
        assertThat(CocoNames.label(0)).isEqualTo("person");
        assertThat(CocoNames.label(3)).isEqualTo("motorcycle");
        assertThat(CocoNames.label(16)).isEqualTo("dog");
        assertThat(CocoNames.label(79)).isEqualTo("toothbrush");
        assertThat(CocoNames.indexOf("truck")).isEqualTo(7);
        assertThat(CocoNames.indexOf("unicorn")).isEqualTo(-1);
        assertThat(CocoNames.SET).containsExactlyInAnyOrderElementsOf(CocoNames.LABELS);
    }

    @Test
    void rejectsOutOfRangeIds() {
        assertThatThrownBy(() -> CocoNames.label(80)).hasMessageContaining("classId");
        assertThatThrownBy(() -> CocoNames.label(-1)).hasMessageContaining("classId");
    }

    @Test
    void isTheListDocumentedInConfigMd() throws IOException {
        String doc = Files.readString(Path.of("docs/config.md"));
        String marker = "COCO-80 labels (class-id order):";
        int start = doc.indexOf(marker);
        assertThat(start).as("docs/config.md lists the labels").isNotNegative();
        String list = doc.substring(start + marker.length(), doc.indexOf('.', start + marker.length()));
        List<String> documented = Arrays.stream(list.split(",")).map(s -> s.replaceAll("\\s+", " ").strip()).toList();
        assertThat(documented).containsExactlyElementsOf(CocoNames.LABELS);
    }

    @Test
    void darknetSpellingsMapToCoco2017InTheSameOrder() throws IOException {
        Path names = Path.of("/usr/share/darknet/data/coco.names");
        Assumptions.assumeTrue(Files.exists(names), "Debian package darknet not installed");
        List<String> darknet = Files.readAllLines(names).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        assertThat(darknet).contains("motorbike", "tvmonitor");
        assertThat(darknet.stream().map(CocoNames::canonical).toList()).containsExactlyElementsOf(CocoNames.LABELS);
    }

    @Test
    void canonicalLeavesOtherNamesAlone() {
        assertThat(CocoNames.canonical("sofa")).isEqualTo("couch");
        assertThat(CocoNames.canonical("couch")).isEqualTo("couch");
        assertThat(CocoNames.canonical("forklift")).isEqualTo("forklift");
    }
}
