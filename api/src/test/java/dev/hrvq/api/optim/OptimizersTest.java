package dev.hrvq.api.optim;

import static dev.hrvq.api.check.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.Params;
import dev.hrvq.api.check.Close;
import dev.hrvq.api.check.GraphRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Optimizer updates from a graph unrolled over a few steps (params and gradients are constants,
 * the state of one step feeds the next) against independent double-precision references.
 */
class OptimizersTest {

  /** Two leaves of different ranks: "dense/w" [2,2] and "dense/b" [3]. */
  private static final Map<String, long[]> SHAPES = Map.of("dense/w", new long[] {2, 2}, "dense/b", new long[] {3});

  private static final Map<String, float[]> PARAMS = Map.of(
      "dense/w", new float[] {0.5f, -1.0f, 2.0f, 0.25f},
      "dense/b", new float[] {0.1f, -0.3f, 0.0f});

  /** A different gradient each step, with sign changes and a wide range of magnitudes. */
  private static final List<Map<String, float[]>> GRADS = List.of(
      Map.of("dense/w", new float[] {0.1f, -0.2f, 0.3f, 1.5f}, "dense/b", new float[] {-0.05f, 0.4f, 2.0f}),
      Map.of("dense/w", new float[] {-0.3f, 0.1f, 0.02f, 1.0f}, "dense/b", new float[] {0.2f, -0.6f, 1.0f}),
      Map.of("dense/w", new float[] {0.25f, 0.05f, -0.4f, 0.5f}, "dense/b", new float[] {0.01f, 0.3f, -3.0f}));

  /** What an unrolled run fetched: per step, the updates and the optimizer state after the step. */
  record Run(List<Map<String, float[]>> updates, List<Map<String, float[]>> states, Map<String, float[]> initState) {}

  private static Params constants(Ops tf, Map<String, float[]> values) {
    TreeMap<String, Operand<TFloat32>> leaves = new TreeMap<>();
    values.forEach((path, v) -> leaves.put(path, tf.reshape(tf.constant(v), tf.constant(SHAPES.get(path)))));
    return Params.of(leaves);
  }

  /** Applies {@code tx} for {@code grads.size()} steps, adding each step's updates to the params. */
  static Run unroll(GradientTransformation tx, Map<String, float[]> params, List<Map<String, float[]>> grads) {
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Params p = constants(tf, params);
      Params state = tx.init().init(tf, p);
      List<Params> fetched = new ArrayList<>();
      fetched.add(state);
      for (Map<String, float[]> grad : grads) {
        GradientTransformation.Step step = tx.update().update(tf, constants(tf, grad), state, p);
        assertThat(step.state().paths()).as("state paths after a step").isEqualTo(state.paths());
        fetched.add(step.updates());
        fetched.add(step.state());
        p = p.zip(step.updates(), (a, b) -> tf.math.add(a, b));
        state = step.state();
      }
      List<Operand<TFloat32>> ops = new ArrayList<>();
      fetched.forEach(tree -> ops.addAll(tree.leaves().values()));
      GraphRun.Fetched values = g.run(ops);
      List<Map<String, float[]>> trees = new ArrayList<>();
      int k = 0;
      for (Params tree : fetched) {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String path : tree.paths()) {
          m.put(path, values.floats(k++));
        }
        trees.add(m);
      }
      List<Map<String, float[]>> updates = new ArrayList<>();
      List<Map<String, float[]>> states = new ArrayList<>();
      for (int i = 1; i < trees.size(); i += 2) {
        updates.add(trees.get(i));
        states.add(trees.get(i + 1));
      }
      return new Run(updates, states, trees.get(0));
    }
  }

  private static double[] d(float[] v) {
    return Close.toDouble(v);
  }

  private static double[] scaled(float[] v, double s) {
    double[] out = d(v);
    for (int i = 0; i < out.length; i++) {
      out[i] *= s;
    }
    return out;
  }

  private static double globalNorm(Map<String, float[]> tree) {
    double sum = 0;
    for (float[] leaf : tree.values()) {
      for (double x : leaf) {
        sum += x * x;
      }
    }
    return Math.sqrt(sum);
  }

  /** Adam with bias correction, element-wise in double: the per-step updates of one leaf. */
  static double[][] adamReference(double lr, double b1, double b2, double eps, List<float[]> grads) {
    int n = grads.get(0).length;
    double[] m = new double[n];
    double[] v = new double[n];
    double[][] updates = new double[grads.size()][n];
    for (int t = 1; t <= grads.size(); t++) {
      float[] g = grads.get(t - 1);
      for (int i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        double mHat = m[i] / (1 - Math.pow(b1, t));
        double vHat = v[i] / (1 - Math.pow(b2, t));
        updates[t - 1][i] = -lr * mHat / (Math.sqrt(vHat) + eps);
      }
    }
    return updates;
  }

  private static void assertAdam(GradientTransformation adam, double lr, double b1, double b2, double eps, double rel) {
    Run run = unroll(adam, PARAMS, GRADS);
    for (String path : PARAMS.keySet()) {
      double[][] expected = adamReference(lr, b1, b2, eps, GRADS.stream().map(gr -> gr.get(path)).toList());
      for (int t = 0; t < GRADS.size(); t++) {
        assertClose(path + " step " + t, run.updates().get(t).get(path), expected[t], 1e-6, rel);
      }
    }
  }

  @Test
  void adamWithDefaultsMatchesBiasCorrectedReference() {
    assertAdam(Optimizers.adam(0.01f), 0.01, 0.9, 0.999, 1e-8, 1e-5);
  }

  @Test
  void adamWithOtherBetasAndEpsMatchesReference() {
    assertAdam(Optimizers.adam(Schedules.constant(0.05f), 0.5f, 0.75f, 1e-2f), 0.05, 0.5, 0.75, 1e-2, 1e-5);
  }

  @Test
  void adamStateHoldsMomentsPerLeafAndCountsSteps() {
    Run run = unroll(Optimizers.adam(0.01f), PARAMS, GRADS);
    assertThat(run.initState().keySet()).containsExactlyInAnyOrder(
        "0/count", "0/mu/dense/b", "0/mu/dense/w", "0/nu/dense/b", "0/nu/dense/w", "1/count");
    assertThat(run.initState().get("0/mu/dense/w")).containsOnly(0f).hasSize(4);
    assertThat(run.states().get(2).get("0/count")).containsExactly(3f);
    assertThat(run.states().get(2).get("1/count")).containsExactly(3f);
    // First moment after 3 steps: sum_t (1 - b1) b1^(3 - t) g_t.
    float[][] gb = GRADS.stream().map(gr -> gr.get("dense/b")).toArray(float[][]::new);
    double[] mu = new double[3];
    for (int i = 0; i < 3; i++) {
      mu[i] = 0.1 * (0.81 * gb[0][i] + 0.9 * gb[1][i] + gb[2][i]);
    }
    assertClose("mu", run.states().get(2).get("0/mu/dense/b"), mu);
  }

  @Test
  void sgdUpdateIsMinusLrTimesGradient() {
    Run run = unroll(Optimizers.sgd(0.1f), PARAMS, GRADS);
    for (int t = 0; t < GRADS.size(); t++) {
      for (String path : PARAMS.keySet()) {
        assertClose(path + " step " + t, run.updates().get(t).get(path), scaled(GRADS.get(t).get(path), -0.1));
      }
    }
  }

  @Test
  void clipByGlobalNormScalesAllLeavesTogetherToMaxNorm() {
    Map<String, float[]> grad = GRADS.get(0);
    double norm = globalNorm(grad);
    assertThat(norm).isGreaterThan(2.0);
    Map<String, float[]> clipped = unroll(Optimizers.clipByGlobalNorm(2f), PARAMS, List.of(grad)).updates().get(0);
    for (String path : grad.keySet()) {
      assertClose(path, clipped.get(path), scaled(grad.get(path), 2.0 / norm));
    }
    assertThat(globalNorm(clipped)).isCloseTo(2.0, within(2e-6));
  }

  @Test
  void clipByGlobalNormLeavesSmallGradientsUnchanged() {
    Map<String, float[]> grad = GRADS.get(0);
    assertThat(globalNorm(grad)).isLessThan(10.0);
    Map<String, float[]> out = unroll(Optimizers.clipByGlobalNorm(10f), PARAMS, List.of(grad)).updates().get(0);
    for (String path : grad.keySet()) {
      assertThat(out.get(path)).containsExactly(grad.get(path));
    }
  }

  @Test
  void chainAppliesTransformationsInOrder() {
    Map<String, float[]> grad = GRADS.get(0);
    double norm = globalNorm(grad);
    // clip to norm 1, then scale by -0.1: an update of norm 0.1.
    Map<String, float[]> clipThenSgd = unroll(
        Optimizers.chain(Optimizers.clipByGlobalNorm(1f), Optimizers.sgd(0.1f)), PARAMS, List.of(grad)).updates().get(0);
    // scale by -0.1 first: norm 0.1 * norm < 1, so the clip does nothing.
    assertThat(0.1 * norm).isLessThan(1.0);
    Map<String, float[]> sgdThenClip = unroll(
        Optimizers.chain(Optimizers.sgd(0.1f), Optimizers.clipByGlobalNorm(1f)), PARAMS, List.of(grad)).updates().get(0);
    for (String path : grad.keySet()) {
      assertClose("clip then sgd " + path, clipThenSgd.get(path), scaled(grad.get(path), -0.1 / norm));
      assertClose("sgd then clip " + path, sgdThenClip.get(path), scaled(grad.get(path), -0.1));
    }
  }

  @Test
  void scaleByScheduleSeesStepsFromZeroAndIncrementsItsCount() {
    // lr(step) = step + 1, so the update of step t is -(t + 1) * g.
    Schedule stepPlusOne = (tf, step) -> tf.math.add(step, tf.constant(1f));
    Run run = unroll(Optimizers.scaleBySchedule(stepPlusOne), PARAMS, GRADS);
    assertThat(run.initState().get("count")).containsExactly(0f);
    for (int t = 0; t < GRADS.size(); t++) {
      assertThat(run.states().get(t).get("count")).containsExactly(t + 1f);
      for (String path : PARAMS.keySet()) {
        assertClose(path + " step " + t, run.updates().get(t).get(path), scaled(GRADS.get(t).get(path), -(t + 1)));
      }
    }
  }

  @Test
  void polyakAverageIsDecayTimesAveragePlusOneMinusDecayTimesParams() {
    float[] avg0 = {1f, -2f, 0.5f};
    float[][] ps = {{0f, 1f, 2f}, {3f, -1f, 0.25f}, {-0.5f, 4f, 1f}};
    double decay = 0.9;
    float[] got;
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Params avg = Params.of("w", tf.constant(avg0));
      for (float[] p : ps) {
        avg = Optimizers.polyakAverage(tf, avg, Params.of("w", tf.constant(p)), 0.9f);
      }
      got = g.run(avg.get("w")).floats(0);
    }
    double[] expected = d(avg0);
    for (float[] p : ps) {
      for (int i = 0; i < expected.length; i++) {
        expected[i] = decay * expected[i] + (1 - decay) * p[i];
      }
    }
    assertClose("average", got, expected);
  }

  @Test
  void sgdOnAQuadraticStepsAgainstTheFiniteDifferenceGradient() {
    double[] p = {0.3, -1.2, 2.0, 0.7};
    double[] target = {1.0, 0.5, -1.0, 0.7};
    float[] grad;
    float[] update;
    try (GraphRun g = new GraphRun()) {
      Ops tf = g.tf;
      Operand<TFloat32> pOp = tf.constant(toFloat(p));
      Operand<TFloat32> loss = tf.math.mul(tf.constant(0.5f),
          tf.sum(tf.math.square(tf.math.sub(pOp, tf.constant(toFloat(target)))), tf.constant(0)));
      Output<TFloat32> dp = tf.gradients(loss, List.of(pOp)).dy(0);
      GradientTransformation sgd = Optimizers.sgd(0.1f);
      Params params = Params.of("p", pOp);
      Params updates = sgd.update().update(tf, Params.of("p", dp), sgd.init().init(tf, params), params).updates();
      GraphRun.Fetched out = g.run(dp, updates.get("p"));
      grad = out.floats(0);
      update = out.floats(1);
    }
    double[] fd = new double[p.length];
    double[] expectedUpdate = new double[p.length];
    double h = 1e-4;
    for (int i = 0; i < p.length; i++) {
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[i] += h;
      minus[i] -= h;
      fd[i] = (quadratic(plus, target) - quadratic(minus, target)) / (2 * h);
      expectedUpdate[i] = -0.1 * (p[i] - target[i]);
    }
    assertClose("tf.gradients vs finite differences", grad, fd);
    assertClose("sgd update", update, expectedUpdate);
  }

  private static double quadratic(double[] p, double[] target) {
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      sum += 0.5 * (p[i] - target[i]) * (p[i] - target[i]);
    }
    return sum;
  }

  private static float[] toFloat(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
