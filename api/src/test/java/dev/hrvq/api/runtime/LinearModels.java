package dev.hrvq.api.runtime;

import dev.hrvq.api.Initializers;
import dev.hrvq.api.ParamSpec;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** A linear regression {@code y ≈ x w + b} with mean squared error: small enough to check by hand. */
final class LinearModels {
  static final int N = 6;

  private LinearModels() {}

  static Model linear(int features) {
    TreeMap<String, ParamSpec> params = new TreeMap<>();
    params.put("w", new ParamSpec(Shape.of(features, 1), Initializers.normal(0.5f)));
    params.put("b", new ParamSpec(Shape.of(1), Initializers.normal(0.5f)));
    return new Model(params, new TreeMap<>(), Map.of("x", InputSpec.floats(-1, features), "y", InputSpec.floats(-1, 1)),
        (tf, vars, in, mode) -> {
          Operand<TFloat32> err = tf.math.sub(predict(tf, vars.params(), in.floats("x")), in.floats("y"));
          Operand<TFloat32> mse = tf.math.mean(tf.math.square(err), tf.constant(new int[] {0, 1}));
          return new Loss(mse, Map.of("mse", mse), dev.hrvq.api.Params.empty());
        });
  }

  static Operand<TFloat32> predict(org.tensorflow.op.Ops tf, dev.hrvq.api.Params p, Operand<TFloat32> x) {
    return tf.math.add(tf.linalg.matMul(x, p.get("w")), p.get("b"));
  }

  static Program prediction() {
    return (tf, vars, in) -> Map.of("y", predict(tf, vars.params(), in.floats("x")));
  }

  static Program parameters() {
    return (tf, vars, in) -> Map.of("w", tf.identity(vars.params().get("w")), "b", tf.identity(vars.params().get("b")));
  }

  /** Deterministic, irregular inputs for batch {@code k}. */
  static float[] xs(int features, int k) {
    float[] x = new float[N * features];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(1.7 * i * i + 1.3 * k);
    }
    return x;
  }

  /** Targets an exact linear function of the first four features of {@link #xs}: a perfect fit exists. */
  static float[] ys(int k) {
    float[] x = xs(4, k);
    float[] y = new float[N];
    for (int i = 0; i < N; i++) {
      y[i] = 0.5f * x[4 * i] - x[4 * i + 1] + 0.25f * x[4 * i + 2] + 0.1f;
    }
    return y;
  }
}
