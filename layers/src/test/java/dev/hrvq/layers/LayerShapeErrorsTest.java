package dev.hrvq.layers;

import static dev.hrvq.layers.Layers.conv2d;
import static dev.hrvq.layers.Layers.dense;
import static dev.hrvq.layers.Layers.relu;
import static dev.hrvq.layers.Layers.serial;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.Init;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Shapes are inferred at init, so wiring mistakes fail before any graph is built, naming the layer. */
class LayerShapeErrorsTest {

  @Test
  void encoderAndDecoderShapesAndParameterPaths() {
    Init enc = Blocks.encoder("enc", 64, 32, 8, 2).init(Shape.of(-1, 32, 32, 1));
    assertThat(enc.out().asArray()).containsExactly(-1, 16, 16, 8);
    assertThat(enc.params()).containsKeys("down0/kernel", "conv/bias", "res/res0/conv3/kernel", "res/res1/conv1/bias", "out/kernel");
    assertThat(enc.params().get("down0/kernel").shape().asArray()).containsExactly(4, 4, 1, 32);
    Init dec = Blocks.decoder("dec", 64, 32, 1, 2).init(enc.out());
    assertThat(dec.out().asArray()).containsExactly(-1, 32, 32, 1);
    assertThat(dec.params().get("up0/kernel").shape().asArray()).containsExactly(4, 4, 1, 64);
    assertThat(Blocks.encoder("enc", 64, 32, 8, 4).init(Shape.of(-1, 32, 32, 3)).out().asArray()).containsExactly(-1, 8, 8, 8);
    assertThat(Blocks.decoder("dec", 64, 32, 3, 4).init(Shape.of(-1, 8, 8, 8)).out().asArray()).containsExactly(-1, 32, 32, 3);
  }

  @Test
  void convolutionOfAFlatInputNamesTheLayerAndShape() {
    assertThatThrownBy(() -> serial("net", dense("fc", 16), conv2d("c1", 8, 3, 1)).init(Shape.of(-1, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layer 'c1'")
        .hasMessageContaining("[-1, 16]");
  }

  @Test
  void residualThatChangesChannelsNamesBothShapes() {
    assertThatThrownBy(() -> Layers.residual("res0", relu(), conv2d("conv", 8, 3, 1)).init(Shape.of(-1, 4, 4, 16)))
        .hasMessageContaining("residual 'res0'")
        .hasMessageContaining("[-1, 4, 4, 16] to [-1, 4, 4, 8]");
  }

  @Test
  void concatOfDifferentSpatialSizesNamesTheBranch() {
    assertThatThrownBy(() -> Layers.concat("cat", conv2d("a", 2, 3, 1), conv2d("b", 2, 3, 2)).init(Shape.of(-1, 8, 8, 1)))
        .hasMessageContaining("branch 'b'")
        .hasMessageContaining("[-1, 4, 4, 2]");
  }

  @Test
  void twoLayersWithParametersCannotShareAName() {
    assertThatThrownBy(() -> serial("net", conv2d("c", 4, 3, 1), relu(), conv2d("c", 4, 3, 1)).init(Shape.of(-1, 8, 8, 1)))
        .hasMessageContaining("'net' has two layers named 'c'");
  }

  @Test
  void badHyperparametersAreRejected() {
    assertThatThrownBy(() -> conv2d("c", 0, 3, 1)).hasMessageContaining("layer 'c': filters must be positive");
    assertThatThrownBy(() -> Blocks.encoder("enc", 64, 32, 8, 3)).hasMessageContaining("downsampling factor must be 2 or 4, got 3");
    assertThatThrownBy(() -> conv2d("c", 4, 5, 1, Layers.Padding.VALID).init(Shape.of(-1, 3, 3, 1)))
        .hasMessageContaining("kernel 5 does not fit an input of size 3");
  }
}
