package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Init;
import dev.hrvq.api.Initializers;
import dev.hrvq.api.Layer;
import dev.hrvq.api.Out;
import dev.hrvq.api.ParamSpec;
import dev.hrvq.api.Params;
import java.util.Map;
import dev.hrvq.api.Bfloat16;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Single-head causal self-attention over the H*W positions in raster order, added residually:
 * {@code y = x + softmax(q k^T / sqrt(d) + mask) v} with q, k, v 1x1 projections of x.
 *
 * <p>Position j attends to positions {@code <= j}, not {@code < j}: in a PixelCNN the features at j
 * (the horizontal stack after a mask-A block) already depend only on inputs before j, so including
 * j leaks nothing and gives every position, the first included, something to attend to. Apply it
 * only to features with that property; on raw inputs it would let j see itself.
 *
 * <p>Masked scores get -1e9 added, so their softmax weight underflows to exactly 0 in float32 and
 * later positions contribute exactly nothing, forward and backward.
 *
 * <p>Parameters: {@code query/kernel [C, d]}, {@code query/bias [d]}, {@code key/*} likewise,
 * {@code value/kernel [C, C]}, {@code value/bias [C]}.
 */
public final class CausalSelfAttention {
  private static final float MASKED = -1e9f;

  private CausalSelfAttention() {}

  /** Causal attention on {@code [B,H,W,C]} with key/query size {@code keyDim}; the output keeps the shape. */
  public static Layer layer(String name, int keyDim) {
    if (keyDim <= 0) {
      throw new IllegalArgumentException("layer '" + name + "': keyDim must be positive, got " + keyDim);
    }
    return new Layer(
        name,
        in -> {
          if (in.numDimensions() != 4 || in.get(1) <= 0 || in.get(2) <= 0 || in.get(3) <= 0) {
            throw new IllegalArgumentException(
                "layer '" + name + "' needs a [batch, height, width, channels] input with known sizes, got " + in);
          }
          long c = in.get(3);
          var init = Initializers.fanInUniform(c);
          return Init.of(in, Map.of(
              "query/kernel", new ParamSpec(Shape.of(c, keyDim), init),
              "query/bias", new ParamSpec(Shape.of(keyDim), init),
              "key/kernel", new ParamSpec(Shape.of(c, keyDim), init),
              "key/bias", new ParamSpec(Shape.of(keyDim), init),
              "value/kernel", new ParamSpec(Shape.of(c, c), init),
              "value/bias", new ParamSpec(Shape.of(c), init)));
        },
        (tf, vars, x, mode) -> {
          Shape s = x.shape();
          long n = s.get(1) * s.get(2);
          long c = s.get(3);
          var flat = tf.reshape(x, tf.constant(new long[] {-1, c}));
          var q = project(tf, flat, vars.params().scope("query"), n);
          var k = project(tf, flat, vars.params().scope("key"), n);
          var v = project(tf, flat, vars.params().scope("value"), n);
          // In x's number format throughout: inside a bfloat16 stack (Bfloat16.of) x is bfloat16.
          var scores = tf.math.mul(
              tf.train.batchMatMul(q, k, x.type(), BatchMatMul.adjY(true)),
              Bfloat16.scalarLike(tf, (float) (1.0 / Math.sqrt(keyDim)), x));
          var weights = tf.nn.softmax(tf.math.add(scores, tf.dtypes.cast(causalMask(tf, (int) n), x.type())));
          var attended = tf.train.batchMatMul(weights, v, x.type());
          var back = tf.reshape(attended, tf.constant(new long[] {-1, s.get(1), s.get(2), c}));
          return Out.of(tf.math.add(x, back));
        });
  }

  /** {@code flat @ kernel + bias}, reshaped to {@code [B, n, out]}. */
  private static Operand<TFloat32> project(Ops tf, Operand<TFloat32> flat, Params p, long n) {
    var kernel = p.get("kernel");
    var y = tf.nn.biasAdd(tf.linalg.matMul(flat, kernel), p.get("bias"));
    return tf.reshape(y, tf.constant(new long[] {-1, n, kernel.shape().get(1)}));
  }

  /** {@code [n, n]}: 0 where column <= row (may attend), -1e9 above the diagonal; built by ops, not an n^2 constant. */
  private static Operand<TFloat32> causalMask(Ops tf, int n) {
    var positions = tf.range(tf.constant(0), tf.constant(n), tf.constant(1));
    var rows = tf.reshape(positions, tf.constant(new int[] {n, 1}));
    var cols = tf.reshape(positions, tf.constant(new int[] {1, n}));
    var future = tf.dtypes.cast(tf.math.greater(cols, rows), TFloat32.class);
    return tf.math.mul(future, tf.constant(MASKED));
  }
}
