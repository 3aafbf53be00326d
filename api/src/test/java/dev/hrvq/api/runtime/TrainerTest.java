package dev.hrvq.api.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.optim.Optimizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

class TrainerTest {
  private static final int F = 4;
  private static final Map<String, InputSpec> X = Map.of("x", InputSpec.floats(-1, F));

  private static Trainer adam(long seed) {
    return Trainer.builder().setModel(LinearModels.linear(F)).setOptimizer(Optimizers.adam(0.05f)).optSeed(seed).build();
  }

  private static Map<String, Float> step(Trainer t, int k) {
    try (TFloat32 x = Tensors.of(LinearModels.xs(F, k), LinearModels.N, F);
        TFloat32 y = Tensors.of(LinearModels.ys(k), LinearModels.N, 1)) {
      return t.step(Map.of("x", x, "y", y));
    }
  }

  private static float[] call(CompiledFunction f, String output, int k) {
    try (TFloat32 x = Tensors.of(LinearModels.xs(F, k), LinearModels.N, F); Outputs out = f.call(Map.of("x", x))) {
      return out.floats(output);
    }
  }

  @Test
  void sgdStepSubtractsTheFiniteDifferenceGradient() {
    float lr = 0.1f;
    try (Trainer t = Trainer.builder().setModel(LinearModels.linear(F)).setOptimizer(Optimizers.sgd(lr)).build()) {
      CompiledFunction params = t.function("params", Map.of(), LinearModels.parameters(), false);
      double[] before = flatParams(params);
      step(t, 0);
      double[] after = flatParams(params);
      double[] numeric = finiteDifferenceGradient(before, LinearModels.xs(F, 0), LinearModels.ys(0));
      for (int i = 0; i < before.length; i++) {
        assertThat((before[i] - after[i]) / lr).as("gradient of parameter %d", i).isCloseTo(numeric[i], within(1e-4));
      }
    }
  }

  /** [w..., b] in sorted path order: b first, then w. */
  private static double[] flatParams(CompiledFunction params) {
    try (Outputs out = params.call(Map.of())) {
      float[] b = out.floats("b");
      float[] w = out.floats("w");
      double[] all = new double[1 + w.length];
      all[0] = b[0];
      for (int i = 0; i < w.length; i++) {
        all[1 + i] = w[i];
      }
      return all;
    }
  }

  /** Central differences of the mean squared error, computed in double, independent of TensorFlow. */
  private static double[] finiteDifferenceGradient(double[] p, float[] x, float[] y) {
    double eps = 1e-5;
    double[] g = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double[] plus = p.clone();
      double[] minus = p.clone();
      plus[i] += eps;
      minus[i] -= eps;
      g[i] = (mse(plus, x, y) - mse(minus, x, y)) / (2 * eps);
    }
    return g;
  }

  private static double mse(double[] p, float[] x, float[] y) {
    double sum = 0;
    for (int n = 0; n < LinearModels.N; n++) {
      double pred = p[0];
      for (int f = 0; f < F; f++) {
        pred += x[n * F + f] * p[1 + f];
      }
      sum += (pred - y[n]) * (pred - y[n]);
    }
    return sum / LinearModels.N;
  }

  @Test
  void lossFallsWhileTraining() {
    try (Trainer t = adam(3)) {
      float first = step(t, 0).get("loss");
      float last = first;
      for (int i = 0; i < 200; i++) {
        last = step(t, 0).get("loss");
      }
      // A linear fit of 6 points with 5 parameters: the loss must fall at least tenfold.
      assertThat(last).isLessThan(first / 10);
    }
  }

  @Test
  void sameSeedGivesIdenticalLossesAndOtherSeedsDiffer() {
    List<Float> a = new ArrayList<>();
    List<Float> b = new ArrayList<>();
    try (Trainer t1 = adam(7); Trainer t2 = adam(7); Trainer t3 = adam(8)) {
      for (int k = 0; k < 5; k++) {
        a.add(step(t1, k).get("loss"));
        b.add(step(t2, k).get("loss"));
      }
      assertThat(a).isEqualTo(b);
      assertThat(step(t3, 0).get("loss")).isNotEqualTo(a.get(0));
    }
  }

  @Test
  void termsAreReportedByName() {
    try (Trainer t = adam(0)) {
      Map<String, Float> terms = step(t, 0);
      assertThat(terms).containsOnlyKeys("loss", "mse");
      assertThat(terms.get("mse")).isEqualTo(terms.get("loss"));
      assertThat(t.stepCount()).isEqualTo(1);
    }
  }

  @Test
  void checkpointRestoresIntoAFreshGraphExactly(@TempDir Path dir) {
    Path prefix;
    float[] expected;
    Map<String, Float> nextExpected;
    try (Trainer t = adam(1)) {
      for (int k = 0; k < 3; k++) {
        step(t, k);
      }
      prefix = t.save(dir);
      expected = call(t.function("predict", X, LinearModels.prediction(), false), "y", 9);
      nextExpected = step(t, 3);
    }
    assertThat(Checkpoints.latest(dir)).contains(prefix);
    assertThat(Checkpoints.readManifest(prefix).step()).isEqualTo(3);
    try (Trainer fresh = adam(99)) {
      fresh.restore(prefix);
      assertThat(fresh.stepCount()).isEqualTo(3);
      assertThat(call(fresh.function("predict", X, LinearModels.prediction(), false), "y", 9)).containsExactly(expected);
      // Optimizer moments and step count came back too: the next step is the same step.
      assertThat(step(fresh, 3)).isEqualTo(nextExpected);
    }
  }

  @Test
  void restoringAnotherModelsCheckpointNamesTheDifference(@TempDir Path dir) {
    Path prefix;
    try (Trainer t = adam(1)) {
      prefix = t.save(dir);
    }
    try (Trainer other = Trainer.builder().setModel(LinearModels.linear(F + 1)).setOptimizer(Optimizers.adam(0.05f)).build()) {
      assertThatThrownBy(() -> other.restore(prefix))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("different model")
          .hasMessageContaining("'params/w' has shape [4, 1] in the checkpoint but [5, 1] in this model");
    }
    try (Trainer sgd = Trainer.builder().setModel(LinearModels.linear(F)).setOptimizer(Optimizers.sgd(0.1f)).build()) {
      assertThatThrownBy(() -> sgd.restore(prefix)).hasMessageContaining("unexpected variable 'opt/0/mu/w'");
    }
  }

  @Test
  void restoringAMissingCheckpointNamesThePath(@TempDir Path dir) {
    try (Trainer t = adam(1)) {
      Path missing = dir.resolve("ckpt-00000042");
      assertThatThrownBy(() -> t.restore(missing)).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }
  }

  @Test
  void savedModelReloadsWithIdenticalOutputs(@TempDir Path dir) {
    Path export = dir.resolve("model");
    float[] expected;
    try (Trainer t = adam(2)) {
      step(t, 0);
      expected = call(t.function("predict", X, LinearModels.prediction(), false), "y", 5);
      t.exportSavedModel(export, X, LinearModels.prediction(), false);
    }
    try (SavedModelBundle bundle = SavedModelBundle.load(export.toString());
        TFloat32 x = Tensors.of(LinearModels.xs(F, 5), LinearModels.N, F);
        var result = bundle.function("serving_default").call(Map.of("x", x))) {
      TFloat32 y = (TFloat32) result.get("y").orElseThrow();
      float[] actual = new float[(int) y.size()];
      y.copyTo(DataBuffers.of(actual, false, false));
      assertThat(actual).containsExactly(expected);
    }
  }

  @Test
  void polyakAverageTracksTheParameters() {
    float decay = 0.9f;
    try (Trainer t = Trainer.builder().setModel(LinearModels.linear(F)).setOptimizer(Optimizers.sgd(0.1f)).optPolyakDecay(decay).build()) {
      CompiledFunction params = t.function("params", Map.of(), LinearModels.parameters(), false);
      CompiledFunction averaged = t.function("averaged", Map.of(), LinearModels.parameters(), true);
      double[] p0 = flatParams(params);
      assertThat(flatParams(averaged)).containsExactly(p0);
      step(t, 0);
      double[] p1 = flatParams(params);
      double[] avg = flatParams(averaged);
      for (int i = 0; i < p0.length; i++) {
        assertThat(avg[i]).isCloseTo(decay * p0[i] + (1 - decay) * p1[i], within(1e-6));
      }
    }
  }

  @Test
  void nonFiniteLossIsAnErrorNamingEveryNonFiniteTerm(@TempDir Path dir) {
    try (Trainer t = adam(1)) {
      Path saved = t.save(dir);
      float[] x = LinearModels.xs(F, 0);
      x[0] = Float.NaN;
      try (TFloat32 xt = Tensors.of(x, LinearModels.N, F); TFloat32 yt = Tensors.of(LinearModels.ys(0), LinearModels.N, 1)) {
        assertThatThrownBy(() -> t.step(Map.of("x", xt, "y", yt)))
            .isInstanceOf(NonFiniteLossException.class)
            .hasMessageContaining("step 1:")
            .hasMessageContaining("'loss' = NaN")
            .hasMessageContaining("'mse' = NaN")
            .hasMessageContaining("resume from a checkpoint");
      }
      // What was written before is intact and restorable.
      t.restore(saved);
      assertThat(step(t, 0).get("loss")).isFinite();
    }
  }

  @Test
  void badFeedsAreClearErrors() {
    try (Trainer t = adam(1);
        TFloat32 x = Tensors.of(LinearModels.xs(F, 0), LinearModels.N, F);
        TFloat32 wrong = Tensors.of(new float[LinearModels.N * 3], LinearModels.N, 3);
        TFloat32 y = Tensors.of(LinearModels.ys(0), LinearModels.N, 1)) {
      assertThatThrownBy(() -> t.step(Map.of("x", x))).hasMessageContaining("missing input 'y'");
      assertThatThrownBy(() -> t.step(Map.<String, Tensor>of("x", x, "y", y, "z", y))).hasMessageContaining("unknown input(s) [z]");
      assertThatThrownBy(() -> t.step(Map.of("x", wrong, "y", y)))
          .hasMessageContaining("input 'x' has shape [6, 3] but [-1, 4] is expected");
    }
  }

  @Test
  void aParameterTheLossIgnoresIsAnError() {
    Model base = LinearModels.linear(F);
    var params = new java.util.TreeMap<>(base.params());
    params.put("unused", new dev.hrvq.api.ParamSpec(Shape.of(2), dev.hrvq.api.Initializers.zeros()));
    Model model = new Model(params, base.state(), base.inputs(), base.loss());
    assertThatThrownBy(() -> Trainer.builder().setModel(model).setOptimizer(Optimizers.sgd(0.1f)).build())
        .hasMessageContaining("parameter 'unused' does not affect the loss");
  }

  @Test
  void weightValuesAreWhatWasAssignedByCheckpointName() {
    try (Trainer t = Trainer.builder().setModel(LinearModels.linear(4)).setOptimizer(Optimizers.adam(0.05f)).build();
        TFloat32 w = Tensors.of(new float[] {1, -2, 3, -4}, 4, 1);
        TFloat32 b = Tensors.of(new float[] {0.5f}, 1)) {
      t.assign(Map.of(Trainer.variableName(false, "w"), w, Trainer.variableName(false, "b"), b));
      Map<String, float[]> values = t.weightValues();
      assertThat(values.keySet()).containsExactly("params/b", "params/w");
      assertThat(values.get("params/w")).containsExactly(1, -2, 3, -4);
      assertThat(values.get("params/b")).containsExactly(0.5f);
    }
  }
}
