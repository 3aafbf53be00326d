package dev.hrvq.api.optim;


/** Learning-rate schedules, computed in the graph so a step needs no extra feed. */
public final class Schedules {
  private Schedules() {}

  public static Schedule constant(float lr) {
    return (tf, step) -> tf.constant(lr);
  }

  /** {@code lr * rate^(step / decaySteps)}, continuously. */
  public static Schedule exponentialDecay(float lr, float decaySteps, float rate) {
    return (tf, step) ->
        tf.math.mul(tf.constant(lr), tf.math.pow(tf.constant(rate), tf.math.div(step, tf.constant(decaySteps))));
  }

  /** Cosine from {@code lr} to {@code lr * alpha} over {@code steps}, then flat. */
  public static Schedule cosineDecay(float lr, float steps, float alpha) {
    return (tf, step) -> {
      var progress = tf.math.minimum(tf.math.div(step, tf.constant(steps)), tf.constant(1f));
      var cosine = tf.math.mul(tf.constant(0.5f),
          tf.math.add(tf.constant(1f), tf.math.cos(tf.math.mul(tf.constant((float) Math.PI), progress))));
      var scale = tf.math.add(tf.constant(alpha), tf.math.mul(tf.constant(1f - alpha), cosine));
      return tf.math.mul(tf.constant(lr), scale);
    };
  }

  /** Linear warm-up from 0 over {@code warmupSteps}, then {@code after} (which sees steps from 0). */
  public static Schedule linearWarmup(int warmupSteps, Schedule after) {
    return (tf, step) -> {
      var warm = tf.constant((float) warmupSteps);
      var factor = tf.math.minimum(tf.math.div(tf.math.add(step, tf.constant(1f)), warm), tf.constant(1f));
      var later = after.at(tf, tf.math.maximum(tf.math.sub(step, warm), tf.constant(0f)));
      return tf.math.mul(factor, later);
    };
  }

}
