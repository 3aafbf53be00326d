package dev.hrvq.layers;

import static dev.hrvq.layers.Layers.conv2d;
import static dev.hrvq.layers.Layers.convTranspose2d;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Layer;
import dev.hrvq.api.check.GradientCheck;
import dev.hrvq.layers.Layers.Padding;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Every layer's gradients, w.r.t. input and parameters, against central finite differences. */
class LayerGradientTest {

  private static void check(Layer layer, Shape in) {
    GradientCheck.Report report = GradientCheck.of(layer, in).run();
    assertThat(report.entries()).isNotEmpty();
    report.assertClose();
  }

  @Test
  void conv2dSameStride1() {
    check(conv2d("c", 4, 3, 1), Shape.of(2, 5, 5, 3));
    check(conv2d("c", 4, 3, 1), Shape.of(2, 5, 5, 6));
  }

  @Test
  void conv2dPointwise() {
    check(conv2d("c", 5, 1, 1), Shape.of(2, 3, 4, 3));
  }

  @Test
  void conv2dSameStride2() {
    check(conv2d("c", 3, 4, 2), Shape.of(2, 6, 6, 2));
    check(conv2d("c", 3, 4, 2), Shape.of(2, 6, 6, 5));
  }

  @Test
  void conv2dValid() {
    check(conv2d("c", 3, 3, 1, Padding.VALID), Shape.of(1, 5, 6, 2));
    check(conv2d("c", 3, 3, 2, Padding.VALID), Shape.of(1, 7, 6, 5));
  }

  @Test
  void convTranspose() {
    check(Layers.convTranspose2d("t", 3, 4, 2), Shape.of(2, 3, 3, 4));
    check(Layers.convTranspose2d("t", 1, 4, 2), Shape.of(2, 3, 4, 5));
    check(Layers.convTranspose2d("t", 6, 4, 2), Shape.of(2, 3, 3, 2));
    check(Layers.convTranspose2d("t", 2, 3, 2), Shape.of(1, 3, 3, 2));
  }

  @Test
  void denseRank2() {
    check(Layers.dense("d", 5), Shape.of(3, 7));
  }

  @Test
  void denseOnRank4() {
    check(Layers.dense("d", 3), Shape.of(2, 2, 2, 4));
  }

  @Test
  void activations() {
    check(Layers.serial("s", Layers.dense("d", 6), Layers.relu()), Shape.of(4, 5));
    check(Layers.serial("s", Layers.dense("d", 6), Layers.leakyRelu(0.2f)), Shape.of(4, 5));
    check(Layers.serial("s", Layers.dense("d", 6), Layers.sigmoid()), Shape.of(4, 5));
    check(Layers.serial("s", Layers.dense("d", 6), Layers.tanh()), Shape.of(4, 5));
  }

  @Test
  void resStack() {
    check(Blocks.resStack("r", 4, 3, 2), Shape.of(1, 4, 4, 4));
  }

  @Test
  void concat() {
    check(Layers.concat("cat", conv2d("a", 2, 3, 1), convTranspose2d("b", 3, 1, 1)), Shape.of(1, 4, 4, 2));
  }

  @Test
  void encoderAndDecoder() {
    check(Blocks.encoder("enc", 8, 4, 3, 2), Shape.of(1, 8, 8, 1));
    check(Blocks.decoder("dec", 8, 4, 1, 2), Shape.of(1, 4, 4, 3));
    check(Blocks.encoder("enc", 8, 4, 3, 4), Shape.of(1, 8, 8, 1));
    check(Blocks.decoder("dec", 8, 4, 1, 4), Shape.of(1, 2, 2, 3));
  }

  @Test
  void aWrongGradientIsCaught() {
    // A layer whose declared forward (x*x) disagrees with a hand-forced gradient (stopGradient(x)*x
    // differentiates to x, not 2x): the check must fail, or it checks nothing.
    Layer wrong = Layer.stateless("wrong", in -> in, (tf, x) -> tf.math.mul(tf.stopGradient(x), x));
    GradientCheck.Report report = GradientCheck.of(wrong, Shape.of(2, 3)).run();
    org.assertj.core.api.Assertions.assertThatThrownBy(report::assertClose).isInstanceOf(AssertionError.class)
        .hasMessageContaining("'input'");
  }
}
