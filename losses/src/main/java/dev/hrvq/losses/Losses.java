package dev.hrvq.losses;

import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Elementary losses: pure functions of operands. */
public final class Losses {
  private Losses() {}

  /** Mean of {@code (a - b)^2} over every element (the paper's {@code ||.||^2}). */
  public static Operand<TFloat32> mse(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    var sq = tf.math.squaredDifference(a, b);
    return tf.math.mean(sq, allAxes(tf, sq));
  }

  /** {@code sum_k weight_k * term_k}; every weighted term must exist. */
  public static Operand<TFloat32> weightedSum(Ops tf, Map<String, Operand<TFloat32>> terms, Map<String, Float> weights) {
    Operand<TFloat32> total = tf.constant(0f);
    for (Map.Entry<String, Float> w : weights.entrySet()) {
      Operand<TFloat32> term = terms.get(w.getKey());
      if (term == null) {
        throw new IllegalArgumentException("no loss term '" + w.getKey() + "'; terms are " + terms.keySet());
      }
      total = tf.math.add(total, tf.math.mul(term, tf.constant(w.getValue())));
    }
    return total;
  }

  static Operand<TInt32> allAxes(Ops tf, Operand<?> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }
}
