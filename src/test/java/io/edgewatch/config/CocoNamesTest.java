package io.edgewatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CocoNamesTest {
    @Test
    void eightyUniqueLabelsInClassIdOrder() {
        assertThat(CocoNames.LABELS).hasSize(80).doesNotHaveDuplicates();
        assertThat(CocoNames.LABELS.get(0)).isEqualTo("person");
        assertThat(CocoNames.LABELS.get(16)).isEqualTo("dog");
        assertThat(CocoNames.LABELS.get(79)).isEqualTo("toothbrush");
        assertThat(CocoNames.SET).containsExactlyInAnyOrderElementsOf(CocoNames.LABELS);
    }
}
