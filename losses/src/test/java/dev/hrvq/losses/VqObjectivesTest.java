package dev.hrvq.losses;

import static dev.hrvq.api.check.Close.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.check.GraphRun;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Values in closed form, and which operand each term's gradient reaches. */
class VqObjectivesTest {
  static final long[] SHAPE = {2, 3, 4};
  static final int COUNT = 24;

  private static void assertZero(String what, float[] g) {
    for (int i = 0; i < g.length; i++) {
      assertThat(g[i]).as("%s[%d]", what, i).isEqualTo(0f);
    }
  }

  @Test
  void vqvaeTermsHaveTheirClosedFormValuesAndGradients() {
    Random random = new Random(81);
    float[] z = HostMath.gaussian(random, COUNT);
    float[] e = HostMath.gaussian(random, COUNT);
    float beta = 0.25f;
    try (GraphRun t = new GraphRun()) {
      // Gradients can be taken with respect to constants: they are graph outputs like any other.
      Operand<TFloat32> zOp = t.constant(z, SHAPE);
      Operand<TFloat32> eOp = t.constant(e, SHAPE);
      Terms terms = VqObjectives.vqvae(t.tf, zOp, eOp, beta);
      assertThat(terms.named().keySet()).containsExactly("codebook", "commitment");
      double mse = HostMath.mse(z, e);
      Operand<TFloat32> codebook = terms.named().get("codebook");
      Operand<TFloat32> commitment = terms.named().get("commitment");
      assertThat((double) t.scalar(codebook)).isCloseTo(mse, within(1e-5 * mse));
      assertThat((double) t.scalar(commitment)).isCloseTo(beta * mse, within(1e-5 * mse));
      assertThat((double) t.scalar(terms.total(t.tf))).isCloseTo((1 + beta) * mse, within(2e-5 * mse));

      double[] toE = new double[COUNT];
      double[] toZ = new double[COUNT];
      for (int i = 0; i < COUNT; i++) {
        toE[i] = 2.0 * (e[i] - z[i]) / COUNT;
        toZ[i] = beta * 2.0 * (z[i] - e[i]) / COUNT;
      }
      List<Operand<TFloat32>> g = t.gradients(codebook, List.of(zOp, eOp));
      List<Operand<TFloat32>> h = t.gradients(commitment, List.of(zOp, eOp));
      GraphRun.Fetched v = t.run(g.get(0), g.get(1), h.get(0), h.get(1));
      assertZero("codebook d/dz", v.floats(0));
      assertClose("codebook d/de", v.floats(1), toE);
      assertClose("commitment d/dz", v.floats(2), toZ);
      assertZero("commitment d/de", v.floats(3));
    }
  }

  @Test
  void hrvqvaeTermsAreNamedAndValuedPerLayer() {
    Random random = new Random(82);
    float[] xi0 = HostMath.gaussian(random, COUNT);
    float[] eC = HostMath.gaussian(random, COUNT);
    float[][] r = {HostMath.gaussian(random, COUNT), HostMath.gaussian(random, COUNT)};
    float[][] e = {HostMath.gaussian(random, COUNT), HostMath.gaussian(random, COUNT)};
    float beta0 = 0.1f;
    float[] betas = {0.3f, 0.5f};
    try (GraphRun t = new GraphRun()) {
      Terms terms = VqObjectives.hrvqvae(t.tf, t.constant(xi0, SHAPE), t.constant(eC, SHAPE),
          List.of(t.constant(r[0], SHAPE), t.constant(r[1], SHAPE)),
          List.of(t.constant(e[0], SHAPE), t.constant(e[1], SHAPE)), beta0, betas);
      assertThat(terms.named().keySet()).containsExactly("combined_codebook", "combined_commitment",
          "layer1_codebook", "layer1_commitment", "layer2_codebook", "layer2_commitment");
      double c = HostMath.mse(xi0, eC);
      assertThat((double) t.scalar(terms.named().get("combined_codebook"))).isCloseTo(c, within(1e-5 * c));
      assertThat((double) t.scalar(terms.named().get("combined_commitment"))).isCloseTo(beta0 * c, within(1e-5 * c));
      for (int i = 0; i < 2; i++) {
        double l = HostMath.mse(r[i], e[i]);
        assertThat((double) t.scalar(terms.named().get("layer" + (i + 1) + "_codebook"))).isCloseTo(l, within(1e-5 * l));
        assertThat((double) t.scalar(terms.named().get("layer" + (i + 1) + "_commitment"))).isCloseTo(betas[i] * l, within(1e-5 * l));
      }
    }
  }

  @Test
  void hrvqvaeRejectsListsOfDifferentLengths() {
    try (GraphRun t = new GraphRun()) {
      Operand<TFloat32> a = t.tf.constant(new float[] {1, 2});
      assertThatThrownBy(() -> VqObjectives.hrvqvae(t.tf, a, a, List.of(a, a), List.of(a), 0.25f, new float[] {0.25f, 0.25f}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 2, 1 and 2");
      assertThatThrownBy(() -> VqObjectives.hrvqvae(t.tf, a, a, List.of(a, a), List.of(a, a), 0.25f, new float[] {0.25f}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("got 2, 2 and 1");
    }
  }
}
