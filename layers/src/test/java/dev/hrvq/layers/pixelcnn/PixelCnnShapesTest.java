package dev.hrvq.layers.pixelcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.Init;
import dev.hrvq.api.Mode;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Output shapes, parameter paths and shapes, and the errors for inputs a layer cannot take. */
class PixelCnnShapesTest {

  @Test
  void networkMapsCodesToLogitsPerPosition() {
    Init init = GatedPixelCnn.network("prior", 10, 32, 5, 5, 2, 512).init(Shape.of(-1, 8, 8, 512 + 10));
    assertThat(init.out().asArray()).containsExactly(-1, 8, 8, 512);
    assertThat(init.params()).containsKeys(
        "block0/vertical/kernel", "block0/horizontal/kernel", "block0/v_to_h/kernel", "block0/h_out/bias",
        "block0/class_bias_v", "block4/class_bias_h", "attention1/query/kernel", "attention3/value/bias",
        "head/kernel", "logits/kernel");
    assertThat(init.params()).doesNotContainKeys("attention0/query/kernel", "attention4/query/kernel");
    assertThat(init.params().get("block0/vertical/kernel").shape().asArray()).containsExactly(3, 5, 512, 64);
    assertThat(init.params().get("block0/horizontal/kernel").shape().asArray()).containsExactly(1, 3, 512, 64);
    assertThat(init.params().get("block1/vertical/kernel").shape().asArray()).containsExactly(3, 5, 32, 64);
    assertThat(init.params().get("block1/v_to_h/kernel").shape().asArray()).containsExactly(1, 1, 64, 64);
    assertThat(init.params().get("block2/class_bias_v").shape().asArray()).containsExactly(10, 64);
    assertThat(init.params().get("logits/kernel").shape().asArray()).containsExactly(1, 1, 32, 512);
    assertThat(init.state()).isEmpty();
  }

  @Test
  void networkWithoutClassesOrAttention() {
    Init init = GatedPixelCnn.network("prior", 0, 16, 3, 3, 0, 7).init(Shape.of(-1, 4, 6, 5));
    assertThat(init.out().asArray()).containsExactly(-1, 4, 6, 7);
    assertThat(init.params().keySet()).noneMatch(k -> k.contains("attention") || k.contains("class_bias"));
  }

  @Test
  void runtimeOutputShapeMatchesInit() {
    var net = GatedPixelCnn.network("prior", 2, 8, 2, 3, 1, 6);
    try (Probe probe = new Probe(net, Shape.of(3, 4, 5, 3 + 2), 1, Mode.EVAL)) {
      float[] x = new float[3 * 4 * 5 * 5];
      Random random = new Random(1);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian();
      }
      assertThat(probe.output(x)).hasSize(3 * 4 * 5 * 6);
      assertThat(probe.out.asArray()).containsExactly(3, 4, 5, 6);
    }
  }

  @Test
  void blocksKeepTheStreamLayout() {
    assertThat(GatedBlock.first("b", 8, 3, 0).init(Shape.of(-1, 4, 4, 3)).out().asArray()).containsExactly(-1, 4, 4, 16);
    assertThat(GatedBlock.first("b", 8, 3, 4).init(Shape.of(-1, 4, 4, 3 + 4)).out().asArray()).containsExactly(-1, 4, 4, 20);
    assertThat(GatedBlock.next("b", 8, 3, 4).init(Shape.of(-1, 4, 4, 20)).out().asArray()).containsExactly(-1, 4, 4, 20);
    assertThat(CausalSelfAttention.layer("a", 4).init(Shape.of(-1, 4, 4, 6)).out().asArray()).containsExactly(-1, 4, 4, 6);
  }

  @Test
  void badInputsAndHyperparametersNameTheLayer() {
    assertThatThrownBy(() -> GatedBlock.next("b1", 8, 3, 0).init(Shape.of(-1, 4, 4, 15)))
        .hasMessageContaining("layer 'b1'").hasMessageContaining("[-1, 4, 4, 15]");
    assertThatThrownBy(() -> GatedBlock.first("b0", 8, 3, 4).init(Shape.of(-1, 4, 4, 4)))
        .hasMessageContaining("layer 'b0' (mask A)").hasMessageContaining("at least one code channel");
    assertThatThrownBy(() -> GatedBlock.first("b0", 8, 4, 0)).hasMessageContaining("kernel must be odd");
    assertThatThrownBy(() -> GatedBlock.of("b0", MaskType.B, 8, 3, 0, 1f)).hasMessageContaining("dropout must be in [0, 1)");
    assertThatThrownBy(() -> GatedPixelCnn.network("net", 0, 8, 0, 3, 0, 4)).hasMessageContaining("blocks must be at least 1");
    assertThatThrownBy(() -> CausalSelfAttention.layer("a", 4).init(Shape.of(-1, 16, 4))).hasMessageContaining("layer 'a'");
  }
}
