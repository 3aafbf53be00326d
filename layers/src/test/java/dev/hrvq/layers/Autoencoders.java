package dev.hrvq.layers;

import dev.hrvq.api.Layer;
import dev.hrvq.api.Params;
import dev.hrvq.api.runtime.Loss;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Program;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** A plain convolutional autoencoder from the reference encoder and decoder, and synthetic images for it. */
final class Autoencoders {
  private Autoencoders() {}

  static Layer network(int hidden, int dim) {
    return Layers.serial("ae", Blocks.encoder("enc", hidden, hidden / 2, dim, 2), Blocks.decoder("dec", hidden, hidden / 2, 1, 2));
  }

  static Model model(Layer net, int size) {
    Shape in = Shape.of(-1, size, size, 1);
    return Model.of(net.init(in), Map.of("x", dev.hrvq.api.runtime.InputSpec.floats(in)), (tf, vars, inputs, mode) -> {
      Operand<TFloat32> x = inputs.floats("x");
      Operand<TFloat32> y = net.apply(tf, vars, x, mode).y();
      Operand<TFloat32> mse = tf.math.mean(tf.math.square(tf.math.sub(y, x)), tf.constant(new int[] {0, 1, 2, 3}));
      return new Loss(mse, Map.of(), Params.empty());
    });
  }

  static Program reconstruct(Layer net) {
    return (tf, vars, inputs) -> Map.of("y", net.apply(tf, vars, inputs.floats("x"), dev.hrvq.api.Mode.EVAL).y());
  }

  /** {@code n} images of one to three bright axis-aligned rectangles on black, values in [0, 1]. */
  static float[] rectangles(int n, int size, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n * size * size];
    for (int i = 0; i < n; i++) {
      int shapes = 1 + r.nextInt(3);
      for (int s = 0; s < shapes; s++) {
        int x0 = r.nextInt(size - 3);
        int y0 = r.nextInt(size - 3);
        int w = 2 + r.nextInt(size - x0 - 1);
        int h = 2 + r.nextInt(size - y0 - 1);
        float v = 0.5f + 0.5f * r.nextFloat();
        for (int y = y0; y < Math.min(size, y0 + h); y++) {
          for (int x = x0; x < Math.min(size, x0 + w); x++) {
            out[(i * size + y) * size + x] = v;
          }
        }
      }
    }
    return out;
  }
}
