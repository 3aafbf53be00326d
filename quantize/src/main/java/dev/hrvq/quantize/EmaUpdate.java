package dev.hrvq.quantize;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One EMA step for a layer of {@code books} codebooks of {@code m} codewords ({@code books * m}
 * global codes): counts and sums of the residuals assigned to each global code are averaged, the
 * counts are Laplace-smoothed within each codebook (codewords that share a parent compete only with
 * each other), and each codeword becomes its mean. A codebook whose counts are all zero (no vector
 * has reached it yet, e.g. the first steps from zero-initialised statistics, when its parent was
 * never picked) has nothing to average: it keeps its codewords instead of becoming 0/0 = NaN.
 *
 * <p>Public so that the golden suite (hrvq-golden-tests, ema-v1 fixtures) can apply one update to
 * given global codes instead of searched ones.
 */
public record EmaUpdate(Operand<TFloat32> counts, Operand<TFloat32> sums, Operand<TFloat32> codebook) {

  /**
   * The updated {@code counts [books*m]}, {@code sums [books*m, D]} and codebook
   * {@code [books, m, D]} (from the current {@code codebook}) after assigning each row of
   * {@code residual [N, D]} to its global code.
   */
  public static EmaUpdate of(Ops tf, EmaOptions o, Operand<TFloat32> counts, Operand<TFloat32> sums,
      Operand<TFloat32> codebook, Operand<TFloat32> residual, Operand<TInt64> globalCodes, long books, int m, long dim) {
    long k = books * m;
    return fromBatch(tf, o, counts, sums, codebook, Codebooks.histogram(tf, globalCodes, k), batchSums(tf, residual, globalCodes, k),
        books, m, dim);
  }

  /** The sums {@code [k, D]} of the rows of {@code residual} assigned to each of the {@code k} global codes. */
  static Operand<TFloat32> batchSums(Ops tf, Operand<TFloat32> residual, Operand<TInt64> globalCodes, long k) {
    return tf.math.unsortedSegmentSum(tf.stopGradient(residual), globalCodes, tf.constant(k));
  }

  /**
   * The same update from a batch's histogram {@code n [k]} and residual sums {@code s [k, D]}:
   * how several towers, each with some of the batch's rows, update as one (their n and s added).
   */
  static EmaUpdate fromBatch(Ops tf, EmaOptions o, Operand<TFloat32> counts, Operand<TFloat32> sums,
      Operand<TFloat32> codebook, Operand<TFloat32> n, Operand<TFloat32> s, long books, int m, long dim) {
    long k = books * m;
    var d = tf.constant(o.decay());
    var oneMinusD = tf.constant(1f - o.decay());
    var newCounts = tf.math.add(tf.math.mul(counts, d), tf.math.mul(n, oneMinusD));
    var newSums = tf.math.add(tf.math.mul(sums, d), tf.math.mul(s, oneMinusD));
    var perBook = tf.reshape(newCounts, tf.constant(new long[] {books, m}));
    var total = tf.sum(perBook, tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true));
    var eps = tf.constant(o.epsilon());
    var smoothed = tf.math.mul(tf.math.div(tf.math.add(perBook, eps), tf.math.add(total, tf.constant(m * o.epsilon()))), total);
    var means = tf.math.div(newSums, tf.reshape(smoothed, tf.constant(new long[] {k, 1})));
    var reached = tf.math.greater(tf.reshape(total, tf.constant(new long[] {books, 1, 1})), tf.constant(0f));
    var updated = tf.reshape(means, tf.constant(new long[] {books, m, dim}));
    return new EmaUpdate(newCounts, newSums, tf.select(reached, updated, tf.stopGradient(codebook)));
  }
}
