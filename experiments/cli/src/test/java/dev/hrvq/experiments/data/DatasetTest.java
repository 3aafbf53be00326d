package dev.hrvq.experiments.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetTest {

  /** n one-channel h x w images; image i's pixel (y, x) is (i + 1) * 1000 + y * w + x, scaled down. */
  private static Dataset numbered(int n, int h, int w, int c) {
    float[] px = new float[n * h * w * c];
    for (int i = 0; i < px.length; i++) {
      px[i] = i + 1; // never 0, so padding (0) is told apart from data
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = 10 + i;
    }
    return new Dataset("t", px, n, h, w, c, labels);
  }

  @Test
  void padsMnistSizeTo32Centred() {
    Dataset d = numbered(2, 28, 28, 1);
    Dataset p = d.pad(32);
    assertThat(p.shape()).containsExactly(2, 32, 32, 1);
    assertThat(p.labels()).containsExactly(10, 11);
    for (int i = 0; i < 2; i++) {
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          float got = p.images()[i * 1024 + y * 32 + x];
          boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
          float want = inside ? d.images()[i * 784 + (y - 2) * 28 + (x - 2)] : 0f;
          assertThat(got).as("image %d (%d, %d)", i, y, x).isEqualTo(want);
        }
      }
    }
    // Spot checks written out: the first and last source pixels land 2 in from each edge.
    assertThat(p.images()[2 * 32 + 2]).isEqualTo(1f);
    assertThat(p.images()[29 * 32 + 29]).isEqualTo(784f);
    assertThat(p.images()[1024 + 2 * 32 + 2]).isEqualTo(785f);
  }

  @Test
  void padsChannelsTogetherAndOddMarginGoesBottomRight() {
    Dataset d = numbered(1, 1, 1, 3);
    Dataset p = d.pad(2);
    // 1x1 into 2x2: margin 1, top/left get 0, so the pixel sits at (0, 0).
    assertThat(p.images()).containsExactly(1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    assertThat(d.pad(1)).isSameAs(d);
    assertThatThrownBy(() -> numbered(1, 4, 4, 1).pad(3)).hasMessageContaining("smaller 3x3");
  }

  @Test
  void batchCopiesImagesInIndexOrder() {
    Dataset d = numbered(3, 2, 2, 1);
    float[] b = d.batch(new int[] {2, 0});
    assertThat(b).containsExactly(9, 10, 11, 12, 1, 2, 3, 4);
    b[0] = -1;
    assertThat(d.images()[8]).isEqualTo(9f); // a copy, not a view
    assertThat(d.batchLabels(new int[] {2, 0})).containsExactly(12, 10);
    assertThatThrownBy(() -> d.batch(new int[] {3})).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void subsetAndHeadKeepLabels() {
    Dataset d = numbered(4, 1, 2, 1);
    Dataset s = d.subset(new int[] {3, 1});
    assertThat(s.n()).isEqualTo(2);
    assertThat(s.images()).containsExactly(7, 8, 3, 4);
    assertThat(s.labels()).containsExactly(13, 11);
    assertThat(d.head(10).n()).isEqualTo(4);
    assertThat(d.head(1).labels()).containsExactly(10);
  }

  @Test
  void epochOrderIsADeterministicPermutation() {
    Dataset d = numbered(100, 1, 1, 1);
    int[] a = d.epochOrder(42);
    int[] again = d.epochOrder(42);
    int[] other = d.epochOrder(43);
    assertThat(a).isEqualTo(again);
    assertThat(a).isNotEqualTo(other);
    int[] sorted = a.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < 100; i++) {
      assertThat(sorted[i]).isEqualTo(i);
    }
    // Shuffled, not the identity.
    int fixed = 0;
    for (int i = 0; i < 100; i++) {
      fixed += a[i] == i ? 1 : 0;
    }
    assertThat(fixed).isLessThan(20);
  }

  @Test
  void epochOrderIsPinnedAcrossRuns() {
    // java.util.Random is specified, so this order must never change; a change breaks resumed runs.
    assertThat(Dataset.shuffledRange(6, 7)).containsExactly(3, 0, 1, 2, 5, 4);
    assertThat(Dataset.shuffledRange(0, 1)).isEmpty();
    assertThat(Dataset.shuffledRange(1, 1)).containsExactly(0);
  }

  @Test
  void rejectsInconsistentShapes() {
    assertThatThrownBy(() -> new Dataset("x", new float[5], 1, 2, 2, 1, null))
        .hasMessageContaining("needs 4 floats, got 5");
    assertThatThrownBy(() -> new Dataset("x", new float[4], 1, 2, 2, 1, new int[] {1, 2}))
        .hasMessageContaining("2 labels for 1 images");
    Dataset unlabelled = new Dataset("x", new float[4], 1, 2, 2, 1, null);
    assertThat(unlabelled.labels()).isEmpty();
    assertThat(unlabelled.hasLabels()).isFalse();
    assertThat(unlabelled.batchLabels(new int[] {0})).isEmpty();
  }
}
