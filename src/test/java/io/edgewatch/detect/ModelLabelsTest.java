package io.edgewatch.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgewatch.config.CocoNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLabelsTest {
    @TempDir
    Path dir;

    @Test
    void ultralyticsNamesDictWinsOverTheLabelsFile() throws Exception {
        Path file = Files.writeString(dir.resolve("l.txt"), "a\nb\n");
        assertThat(ModelLabels.resolve(Map.of("names", "{0: 'person', 1: \"o'clock\", 3: 'cup'}"), file))
                .containsExactly("person", "o'clock", "class2", "cup");
    }

    @Test
    void labelsFileWithCoralStyleIdsKeepsGaps() throws Exception {
        Path file = Files.writeString(dir.resolve("coco.txt"), "0  person\n1  bicycle\n\n3  motorcycle\n");
        assertThat(ModelLabels.resolve(Map.of(), file)).containsExactly("person", "bicycle", "class2", "motorcycle");
        assertThat(ModelLabels.resolve(Map.of("names", "not a dict"), null)).isSameAs(CocoNames.LABELS);
        Path empty = Files.writeString(dir.resolve("empty.txt"), "\n");
        assertThatThrownBy(() -> ModelLabels.resolve(Map.of(), empty)).hasMessageContaining("has no names");
    }

    @Test
    void darknetSpellingsInALabelsFileBecomeConfigLabels() throws Exception {
        Path file = Files.writeString(dir.resolve("voc.txt"), "person\nmotorbike\ntvmonitor\nforklift\n");
        assertThat(ModelLabels.resolve(Map.of(), file)).containsExactly("person", "motorcycle", "tv", "forklift");
    }

    @Test
    void coco91IdsMapToCoco80Names() {
        assertThat(CocoNames.label(ModelLabels.coco80FromCoco91(0))).isEqualTo("person");
        assertThat(ModelLabels.coco80FromCoco91(11)).isEqualTo(-1); // category 12, no COCO-80 class
        assertThat(CocoNames.label(ModelLabels.coco80FromCoco91(12))).isEqualTo("stop sign");
        assertThat(CocoNames.label(ModelLabels.coco80FromCoco91(17))).isEqualTo("dog");
        assertThat(CocoNames.label(ModelLabels.coco80FromCoco91(89))).isEqualTo("toothbrush");
        assertThat(ModelLabels.coco80FromCoco91(90)).isEqualTo(-1);
    }

    @Test
    void formatNamesAndChoices() {
        assertThat(ModelFormat.parse("AUTO")).isNull();
        assertThat(ModelFormat.parse("yolov8")).isEqualTo(ModelFormat.YOLOV8);
        assertThatThrownBy(() -> ModelFormat.parse("yolov9"))
                .hasMessage("unknown model format 'yolov9', expected one of auto, nanodet, yolov8, yolov5, yolox, ssd");
    }
}
