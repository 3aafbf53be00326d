package dev.hrvq.quantize;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Shared graph pieces of quantizers: nearest-codeword search and codebook statistics. */
final class Codebooks {
  private Codebooks() {}

  /**
   * Index of the nearest row of {@code codebook} {@code [K, D]} to each row of {@code r}
   * {@code [N, D]}, without materialising {@code [N, K, D]}: argmin of {@code ||e||^2 - 2 r.e}
   * ({@code ||r||^2} is the same for every codeword and cannot change the argmin). Ties go to the
   * lowest index (ArgMin keeps the first minimum).
   */
  static Operand<TInt64> nearest(Ops tf, Operand<TFloat32> r, Operand<TFloat32> codebook) {
    var dots = tf.linalg.matMul(r, codebook, org.tensorflow.op.linalg.MatMul.transposeB(true));
    var norms = tf.sum(tf.math.square(codebook), tf.constant(1));
    var scores = tf.math.sub(norms, tf.math.mul(tf.constant(2f), dots));
    return tf.math.argMin(scores, tf.constant(1), TInt64.class);
  }

  /** How many of the {@code n} vectors picked each of {@code k} codes: {@code [k]} floats. */
  static Operand<TFloat32> histogram(Ops tf, Operand<TInt64> codes, long k) {
    var ones = tf.onesLike(tf.dtypes.cast(codes, TFloat32.class));
    return tf.math.unsortedSegmentSum(ones, codes, tf.constant(k));
  }

  /** {@code exp(-sum p ln p)} of a histogram; empty bins contribute 0. */
  static Operand<TFloat32> perplexity(Ops tf, Operand<TFloat32> histogram) {
    var p = tf.math.div(histogram, tf.math.maximum(tf.sum(histogram, tf.constant(0)), tf.constant(1f)));
    var plogp = tf.math.mul(p, tf.math.log(tf.math.maximum(p, tf.constant(1e-30f))));
    return tf.math.exp(tf.math.neg(tf.sum(plogp, tf.constant(0))));
  }

  /** Fraction of the codes picked at least once in this batch. */
  static Operand<TFloat32> usage(Ops tf, Operand<TFloat32> histogram) {
    var used = tf.dtypes.cast(tf.math.greater(histogram, tf.constant(0f)), TFloat32.class);
    return tf.math.mean(used, tf.constant(0));
  }

  /** {@code [..., D]} to {@code [N, D]}. */
  static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x, long dim) {
    return tf.reshape(x, tf.constant(new long[] {-1, dim}));
  }

  /** The shape of {@code latents} without its last axis, for reshaping codes back. */
  static Operand<TInt32> codeShape(Ops tf, Operand<TFloat32> latents) {
    int rank = latents.shape().numDimensions();
    return tf.slice(tf.shape(latents), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
  }
}
