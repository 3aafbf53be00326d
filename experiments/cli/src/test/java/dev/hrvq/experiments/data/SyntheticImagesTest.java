package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyntheticImagesTest {

  @Test
  void shapeRangeAndLabels() {
    Dataset d = new SyntheticImages(50, 16, 1, 9).generate("s");
    assertThat(d.shape()).containsExactly(50, 16, 16, 1);
    assertThat(d.labels()).hasSize(50);
    assertThat(java.util.Arrays.stream(d.labels()).distinct().sorted().toArray()).containsExactly(0, 1, 2, 3);
    for (float v : d.images()) {
      assertThat(v).isBetween(0f, 1f);
    }
    // Every image has at least one visible shape (colours are >= 0.2) and some background.
    for (int i = 0; i < d.n(); i++) {
      float max = 0;
      for (float v : d.batch(new int[] {i})) {
        max = Math.max(max, v);
      }
      assertThat(max).as("image %d", i).isGreaterThanOrEqualTo(0.2f);
    }
  }

  @Test
  void sameSeedSamePixelsDifferentSeedDifferent() {
    Dataset a = new SyntheticImages(20, 32, 3, 5).generate("s");
    Dataset b = new SyntheticImages(20, 32, 3, 5).generate("s");
    Dataset c = new SyntheticImages(20, 32, 3, 6).generate("s");
    assertThat(a.images()).isEqualTo(b.images());
    assertThat(a.labels()).isEqualTo(b.labels());
    assertThat(a.images()).isNotEqualTo(c.images());
  }

  @Test
  void defaultSplitsDiffer() {
    Dataset train = SyntheticImages.forSplit(Split.TRAIN).generate("synthetic");
    Dataset test = SyntheticImages.forSplit(Split.TEST).generate("synthetic");
    assertThat(train.shape()).containsExactly(2048, 32, 32, 3);
    assertThat(test.shape()).containsExactly(512, 32, 32, 3);
    assertThat(train.batch(new int[] {0})).isNotEqualTo(test.batch(new int[] {0}));
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> new SyntheticImages(1, 8, 2, 0)).hasMessageContaining("channels");
    assertThatThrownBy(() -> new SyntheticImages(1, 2, 1, 0)).hasMessageContaining("size >= 4");
  }
}
