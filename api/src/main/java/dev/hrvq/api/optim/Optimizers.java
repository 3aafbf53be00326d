package dev.hrvq.api.optim;

import dev.hrvq.api.Params;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Gradient transformations and the optimizers built from them. State paths are prefixed by the
 * transformation's role ({@code mu/}, {@code nu/}, {@code count}), so a checkpoint shows what is what.
 */
public final class Optimizers {
  private Optimizers() {}

  /** Plain gradient descent: {@code update = -lr * g}. */
  public static GradientTransformation sgd(Schedule lr) {
    return scaleBySchedule(lr);
  }

  public static GradientTransformation sgd(float lr) {
    return sgd(Schedules.constant(lr));
  }

  /** Adam with bias correction (Kingma and Ba), as optax's {@code chain(scale_by_adam, scale(-lr))}. */
  public static GradientTransformation adam(Schedule lr, float b1, float b2, float eps) {
    return chain(scaleByAdam(b1, b2, eps), scaleBySchedule(lr));
  }

  public static GradientTransformation adam(float lr) {
    return adam(Schedules.constant(lr), 0.9f, 0.999f, 1e-8f);
  }

  /** Rescales gradients to Adam's bias-corrected {@code m / (sqrt(v) + eps)}. */
  public static GradientTransformation scaleByAdam(float b1, float b2, float eps) {
    return new GradientTransformation(
        (tf, params) -> params.map((k, p) -> zerosLike(tf, p)).prefixed("mu")
            .merge(params.map((k, p) -> zerosLike(tf, p)).prefixed("nu"))
            .merge(Params.of("count", tf.constant(0f))),
        (tf, grads, state, params) -> {
          Params mu = grads.zip(state.scope("mu"), (g, m) -> lerp(tf, m, g, b1));
          Params nu = grads.zip(state.scope("nu"), (g, v) -> lerp(tf, v, tf.math.square(g), b2));
          Operand<TFloat32> count = tf.math.add(state.get("count"), tf.constant(1f));
          Operand<TFloat32> c1 = tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant(b1), count));
          Operand<TFloat32> c2 = tf.math.sub(tf.constant(1f), tf.math.pow(tf.constant(b2), count));
          Params updates = mu.zip(nu, (m, v) -> tf.math.div(
              tf.math.div(m, c1), tf.math.add(tf.math.sqrt(tf.math.div(v, c2)), tf.constant(eps))));
          Params newState = mu.prefixed("mu").merge(nu.prefixed("nu")).merge(Params.of("count", count));
          return new GradientTransformation.Step(updates, newState);
        });
  }

  /** Multiplies updates by {@code -lr(step)}: the descent step every optimizer ends with. */
  public static GradientTransformation scaleBySchedule(Schedule lr) {
    return new GradientTransformation(
        (tf, params) -> Params.of("count", tf.constant(0f)),
        (tf, grads, state, params) -> {
          Operand<TFloat32> step = state.get("count");
          Operand<TFloat32> factor = tf.math.neg(lr.at(tf, step));
          return new GradientTransformation.Step(
              grads.map((k, g) -> tf.math.mul(g, factor)),
              Params.of("count", tf.math.add(step, tf.constant(1f))));
        });
  }

  /**
   * Scales all gradients together so their global L2 norm is at most {@code maxNorm}; leaves them
   * alone when it already is.
   */
  public static GradientTransformation clipByGlobalNorm(float maxNorm) {
    return new GradientTransformation(
        (tf, params) -> Params.empty(),
        (tf, grads, state, params) -> {
          List<Operand<TFloat32>> squares = new ArrayList<>();
          grads.leaves().values().forEach(g -> squares.add(tf.reshape(tf.sum(tf.math.square(g), allAxes(tf, g)), tf.constant(new long[0]))));
          Operand<TFloat32> norm = tf.math.sqrt(tf.math.addN(squares));
          Operand<TFloat32> scale = tf.math.div(tf.constant(maxNorm), tf.math.maximum(norm, tf.constant(maxNorm)));
          return new GradientTransformation.Step(grads.map((k, g) -> tf.math.mul(g, scale)), state);
        });
  }

  /** Applies transformations in order; the state of the i-th lives under {@code i/}. */
  public static GradientTransformation chain(GradientTransformation... parts) {
    return new GradientTransformation(
        (tf, params) -> {
          Params state = Params.empty();
          for (int i = 0; i < parts.length; i++) {
            state = state.merge(parts[i].init().init(tf, params).prefixed(Integer.toString(i)));
          }
          return state;
        },
        (tf, grads, state, params) -> {
          Params updates = grads;
          Params newState = Params.empty();
          for (int i = 0; i < parts.length; i++) {
            String key = Integer.toString(i);
            GradientTransformation.Step step = parts[i].update().update(tf, updates, state.scope(key), params);
            updates = step.updates();
            newState = newState.merge(step.state().prefixed(key));
          }
          return new GradientTransformation.Step(updates, newState);
        });
  }

  /** Polyak (exponential moving) average of parameters: {@code avg = decay * avg + (1 - decay) * p}. */
  public static Params polyakAverage(Ops tf, Params average, Params params, float decay) {
    return average.zip(params, (a, p) -> lerp(tf, a, p, decay));
  }

  /** {@code decay * old + (1 - decay) * value}. */
  static Operand<TFloat32> lerp(Ops tf, Operand<TFloat32> old, Operand<TFloat32> value, float decay) {
    return tf.math.add(tf.math.mul(old, tf.constant(decay)), tf.math.mul(value, tf.constant(1f - decay)));
  }

  private static Operand<TFloat32> zerosLike(Ops tf, Operand<TFloat32> p) {
    return tf.zerosLike(p);
  }

  private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
    return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
  }

}
