package dev.hrvq.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.check.GraphRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

class LossesTest {

  @ParameterizedTest
  @ValueSource(strings = {"5", "3x4", "2x3x4x2", "1x1"})
  void mseIsTheMeanOfSquaredDifferencesOverEveryElement(String dims) {
    long[] shape = java.util.Arrays.stream(dims.split("x")).mapToLong(Long::parseLong).toArray();
    int n = Math.toIntExact(Shape.of(shape).size());
    Random random = new Random(dims.hashCode());
    float[] a = HostMath.gaussian(random, n);
    float[] b = HostMath.gaussian(random, n);
    try (GraphRun t = new GraphRun()) {
      double expected = HostMath.mse(a, b);
      assertThat((double) t.scalar(Losses.mse(t.tf, t.constant(a, shape), t.constant(b, shape))))
          .isCloseTo(expected, within(1e-6 * expected));
    }
  }

  @Test
  void mseOfScalarsIsTheSquaredDifference() {
    try (GraphRun t = new GraphRun()) {
      assertThat(t.scalar(Losses.mse(t.tf, t.tf.constant(3f), t.tf.constant(0.5f)))).isEqualTo(6.25f);
    }
  }

  @Test
  void mseOfIdenticalTensorsIsZero() {
    float[] a = HostMath.gaussian(new Random(3), 12);
    try (GraphRun t = new GraphRun()) {
      assertThat(t.scalar(Losses.mse(t.tf, t.constant(a, 3, 4), t.constant(a, 3, 4)))).isEqualTo(0f);
    }
  }

  @Test
  void weightedSumAddsTheWeightedTerms() {
    try (GraphRun t = new GraphRun()) {
      Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>();
      terms.put("a", t.tf.constant(2f));
      terms.put("b", t.tf.constant(-3f));
      terms.put("unused", t.tf.constant(100f));
      Map<String, Float> weights = new LinkedHashMap<>();
      weights.put("a", 0.5f);
      weights.put("b", 2f);
      assertThat(t.scalar(Losses.weightedSum(t.tf, terms, weights))).isEqualTo(0.5f * 2f + 2f * -3f);
      assertThat(t.scalar(Losses.weightedSum(t.tf, terms, Map.of()))).isEqualTo(0f);
    }
  }

  @Test
  void weightedSumNamesAMissingTerm() {
    try (GraphRun t = new GraphRun()) {
      Map<String, Operand<TFloat32>> terms = new LinkedHashMap<>();
      terms.put("recon", t.tf.constant(1f));
      terms.put("codebook", t.tf.constant(1f));
      assertThatThrownBy(() -> Losses.weightedSum(t.tf, terms, Map.of("commitment", 0.25f)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'commitment'")
          .hasMessageContaining("recon")
          .hasMessageContaining("codebook");
    }
  }
}
