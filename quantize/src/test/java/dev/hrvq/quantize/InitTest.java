package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.Init;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Codebook declarations and constructor validation. */
class InitTest {

  @Test
  void everyLayerDeclaresItsCodebooksAsOneTensor() {
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(4).setLayers(3).build();
    Init init = q.init(Shape.of(-1, 16, 16, 8));
    assertThat(init.state()).isEmpty();
    assertThat(init.params().keySet()).containsExactly(HierarchicalQuantizer.codebookPath(1), HierarchicalQuantizer.codebookPath(2), HierarchicalQuantizer.codebookPath(3));
    assertThat(init.params().get(HierarchicalQuantizer.codebookPath(1)).shape()).isEqualTo(Shape.of(1, 4, 8));
    assertThat(init.params().get(HierarchicalQuantizer.codebookPath(2)).shape()).isEqualTo(Shape.of(4, 4, 8));
    assertThat(init.params().get(HierarchicalQuantizer.codebookPath(3)).shape()).isEqualTo(Shape.of(16, 4, 8));
    assertThat(init.out().asArray()).containsExactly(-1, 16, 16, 8);
    assertThat(q.layers()).isEqualTo(3);
    assertThat(q.codewords()).isEqualTo(4);
    assertThat(q.codesInLayer(1)).isEqualTo(4);
    assertThat(q.codesInLayer(3)).isEqualTo(64);
    assertThat(q.search()).isEqualTo(HierarchicalQuantizer.Search.TREE);
    assertThat(q.usesEma()).isFalse();
  }

  @Test
  void flatLatentsAreAcceptedToo() {
    Init init = HierarchicalQuantizer.builder().setCodewords(2).setLayers(2).build().init(Shape.of(-1, 5));
    assertThat(init.params().get(HierarchicalQuantizer.codebookPath(2)).shape()).isEqualTo(Shape.of(2, 2, 5));
  }

  @Test
  void vectorQuantizerIsOneLayerWithOneCodebookOfKCodewords() {
    HierarchicalQuantizer q = VectorQuantizer.of(512);
    Init init = q.init(Shape.of(-1, 8, 8, 64));
    assertThat(init.params().keySet()).containsExactly(HierarchicalQuantizer.codebookPath(1));
    assertThat(init.params().get(HierarchicalQuantizer.codebookPath(1)).shape()).isEqualTo(Shape.of(1, 512, 64));
    assertThat(q.layers()).isEqualTo(1);
    assertThat(q.codesInLayer(1)).isEqualTo(512);
  }

  @Test
  void invalidTreesAreRejectedWithClearMessages() {
    assertThatThrownBy(() -> HierarchicalQuantizer.builder().setCodewords(1).setLayers(2).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 codewords")
        .hasMessageContaining("m=1");
    assertThatThrownBy(() -> HierarchicalQuantizer.builder().setCodewords(0).setLayers(1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive")
        .hasMessageContaining("m=0");
    assertThatThrownBy(() -> HierarchicalQuantizer.builder().setCodewords(4).setLayers(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("positive")
        .hasMessageContaining("n=0");
    assertThatThrownBy(() -> HierarchicalQuantizer.builder().setCodewords(4).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n=0");
    assertThatThrownBy(() -> HierarchicalQuantizer.builder().setCodewords(2).setLayers(25).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^25").hasMessageContaining(Long.toString(HierarchicalQuantizer.MAX_GLOBAL_CODES));
    assertThatThrownBy(() -> VectorQuantizer.of(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m=0");
    // The largest tree that fits: MAX_GLOBAL_CODES = 2^24 codes.
    assertThat(HierarchicalQuantizer.builder().setCodewords(2).setLayers(24).build().codesInLayer(24)).isEqualTo(HierarchicalQuantizer.MAX_GLOBAL_CODES);
  }

  @Test
  void anUnknownLatentDimensionIsRejected() {
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(2).setLayers(2).build();
    assertThatThrownBy(() -> q.init(Shape.of(-1, 4, 4, -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be known");
  }
}
