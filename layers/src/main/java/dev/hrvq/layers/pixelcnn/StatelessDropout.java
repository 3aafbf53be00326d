package dev.hrvq.layers.pixelcnn;

import dev.hrvq.api.Initializers;
import dev.hrvq.api.ParamSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Inverted dropout from a stateless random op, so a run is reproducible and resumable: the seed is
 * {@code (salt, step)} where {@code salt} is a constant of the layer (a hash of its name) and
 * {@code step} is a state leaf the layer counts up on every training application. The counter is
 * model state, so it is checkpointed and restored with the parameters and a resumed run draws the
 * masks an uninterrupted one would have drawn.
 */
final class StatelessDropout {
  /** The state leaf holding the call counter, a float (exact up to 2^24 steps). */
  static final String STEP = "dropout_step";

  private StatelessDropout() {}

  static ParamSpec stepSpec() {
    return new ParamSpec(Shape.of(1), Initializers.zeros());
  }

  /** {@code x * keep / (1 - rate)} with {@code keep ~ Bernoulli(1 - rate)} drawn from {@code (salt, step)}. */
  static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, float rate, long salt, Operand<TFloat32> step) {
    Operand<TInt64> seed = tf.concat(java.util.List.of(
        tf.constant(new long[] {salt}), tf.dtypes.cast(step, TInt64.class)), tf.constant(0));
    var u = tf.random.statelessRandomUniform(tf.shape(x, TInt64.class), seed, TFloat32.class);
    var keep = tf.dtypes.cast(tf.math.greaterEqual(u, tf.constant(rate)), TFloat32.class);
    // In x's number format: inside a bfloat16 stack (Bfloat16.of) x is bfloat16.
    return tf.math.mul(x, tf.dtypes.cast(tf.math.mul(keep, tf.constant(1f / (1f - rate))), x.type()));
  }

  /** The next value of the counter. */
  static Operand<TFloat32> next(Ops tf, Operand<TFloat32> step) {
    return tf.math.add(step, tf.constant(1f));
  }
}
