package dev.hrvq.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Layer;
import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.api.runtime.InputSpec;
import dev.hrvq.api.runtime.Loss;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** The README's API example, verbatim between the markers, so the README cannot rot. */
class ReadmeExampleTest {

  @Test
  void readmeExampleTrainsAndSaves(@TempDir Path runs) {
    List<float[]> batches = List.of(Autoencoders.rectangles(128, 32, 1), Autoencoders.rectangles(128, 32, 2));
    // README example begins
    Layer net = Layers.serial("ae",
        Blocks.encoder("enc", 64, 32, 8, 2),   // hidden 64, residual units 32, latent dim 8, 32x32 -> 16x16
        Blocks.decoder("dec", 64, 32, 1, 2));
    Shape images = Shape.of(-1, 32, 32, 1);
    Model model = Model.of(net.init(images), Map.of("x", InputSpec.floats(images)), (tf, vars, in, mode) -> {
      Operand<TFloat32> x = in.floats("x");
      Operand<TFloat32> y = net.apply(tf, vars, x, mode).y();
      return Loss.of(tf.math.mean(tf.math.square(tf.math.sub(y, x)), tf.constant(new int[] {0, 1, 2, 3})));
    });
    try (Trainer trainer = Trainer.builder().setModel(model).setOptimizer(Optimizers.adam(2e-4f)).optSeed(0).build()) {
      for (float[] batch : batches) {                         // 128 x 32 x 32 x 1 floats each
        try (TFloat32 x = Tensors.of(batch, 128, 32, 32, 1)) {
          System.out.println(trainer.step(Map.of("x", x)));   // {loss=0.108...}
        }
      }
      trainer.save(runs.resolve("ae"));                       // runs/ae/ckpt-00000002/
    }
    // README example ends
    assertThat(Checkpoints.latest(runs.resolve("ae"))).contains(runs.resolve("ae/ckpt-00000002"));
  }

  @Test
  void readmeShowsTheExampleVerbatim() throws java.io.IOException {
    String source = java.nio.file.Files.readString(Path.of("src/test/java/dev/hrvq/layers/ReadmeExampleTest.java"));
    String example = source.substring(source.indexOf("// README example begins\n") + 25, source.indexOf("    // README example ends"))
        .replaceAll("(?m)^    ", "");
    assertThat(java.nio.file.Files.readString(Path.of("../docs/api.md"))).contains(example);
  }
}
