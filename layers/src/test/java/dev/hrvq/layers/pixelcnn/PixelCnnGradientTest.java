package dev.hrvq.layers.pixelcnn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Layer;
import dev.hrvq.api.check.GradientCheck;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Gradients of the PixelCNN pieces, w.r.t. input and every parameter, against finite differences. */
class PixelCnnGradientTest {

  private static void check(Layer layer, Shape in) {
    GradientCheck.Report report = GradientCheck.of(layer, in).run();
    assertThat(report.entries()).isNotEmpty();
    report.assertClose();
  }

  @Test
  void causalConvolutions() {
    check(CausalConv.vertical("v", 3, 3), Shape.of(2, 4, 5, 2));
    check(CausalConv.horizontal("h", 3, 3, MaskType.A), Shape.of(2, 4, 5, 2));
    check(CausalConv.horizontal("h", 3, 5, MaskType.B), Shape.of(2, 4, 5, 2));
  }

  @Test
  void gatedBlockMaskA() {
    check(GatedBlock.first("b", 3, 3, 0), Shape.of(2, 4, 4, 2));
    check(GatedBlock.first("b", 3, 3, 2), Shape.of(2, 4, 4, 2 + 2));
  }

  @Test
  void gatedBlockMaskB() {
    check(GatedBlock.next("b", 3, 3, 0), Shape.of(2, 4, 4, 6));
    check(GatedBlock.next("b", 3, 5, 2), Shape.of(2, 4, 4, 6 + 2));
  }

  @Test
  void causalSelfAttention() {
    check(CausalSelfAttention.layer("att", 3), Shape.of(2, 3, 4, 4));
  }

  @Test
  void smallNetworkWithAttentionAndClasses() {
    check(GatedPixelCnn.network("net", 2, 4, 2, 3, 1, 3), Shape.of(1, 3, 3, 3 + 2));
  }
}
