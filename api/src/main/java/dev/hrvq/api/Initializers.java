package dev.hrvq.api;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The initializers layers use; all are pure functions of (shape, seed). */
public final class Initializers {
  private Initializers() {}

  public static Initializer zeros() {
    return constant(0f);
  }

  public static Initializer ones() {
    return constant(1f);
  }

  public static Initializer constant(float value) {
    return (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(value));
  }

  /** Uniform on [lo, hi). */
  public static Initializer uniform(float lo, float hi) {
    return (tf, shape, seed) -> {
      var u = tf.random.statelessRandomUniform(tf.constant(shape), seed, TFloat32.class);
      return tf.math.add(tf.math.mul(u, tf.constant(hi - lo)), tf.constant(lo));
    };
  }

  /** Normal with mean 0 and the given standard deviation. */
  public static Initializer normal(float stddev) {
    return (tf, shape, seed) ->
        tf.math.mul(tf.random.statelessRandomNormal(tf.constant(shape), seed, TFloat32.class), tf.constant(stddev));
  }

  /**
   * Uniform on ±1/sqrt(fanIn): PyTorch's default for convolutions and linear layers (weights and
   * biases alike), so that our models start where the reference implementations start.
   */
  public static Initializer fanInUniform(long fanIn) {
    float bound = (float) (1.0 / Math.sqrt(fanIn));
    return uniform(-bound, bound);
  }

  /** The number of elements of a fully known shape; an unknown dimension is an error. */
  public static long size(Shape shape) {
    if (shape.hasUnknownDimension()) {
      throw new IllegalArgumentException("parameter shape " + shape + " has an unknown dimension");
    }
    return shape.size();
  }

}
