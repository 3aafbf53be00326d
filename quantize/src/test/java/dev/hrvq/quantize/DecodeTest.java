package dev.hrvq.quantize;

import static dev.hrvq.quantize.TfRun.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/** Decoding last-layer global codes, with all layers or a subset (the paper's Fig. 1). */
class DecodeTest {
  static final int M = 3;
  static final int N = 3;
  static final int D = 4;
  static final TreeSearchTest.Case CASE = TreeSearchTest.randomCase(41, M, N, D, 10, false);
  static final HierarchicalQuantizer Q = HierarchicalQuantizer.builder().setCodewords(M).setLayers(N).build();

  @Test
  void decodingTheLastLayerCodesWithEveryLayerGivesExactlyTheCombinedCodewords() {
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(CASE.books(), M, D)));
      QuantizeOut out = Q.apply(t.tf, vars, t.constant(CASE.x(), 2, 5, D), Mode.EVAL);
      Operand<TFloat32> decoded = Q.decode(t.tf, vars, out.codes().get(N - 1), Set.of(3, 1, 2));
      TfRun.Fetched f = t.run(decoded, out.combined(), out.quantized());
      assertThat(f.shape(0)).containsExactly(2, 5, D);
      assertThat(f.floats(0)).as("decode == combined, bit for bit").containsExactly(f.floats(1));
      assertClose("decode == e_C of the reference", f.floats(0), CASE.ref().eC());
    }
  }

  private static float[] decode(Set<Integer> layers) {
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(CASE.books(), M, D)));
      Operand<TFloat32> decoded = Q.decode(t.tf, vars, t.constant(CASE.ref().global()[N - 1], 2, 5), layers);
      TfRun.Fetched f = t.run(decoded);
      assertThat(f.shape(0)).containsExactly(2, 5, D);
      return f.floats(0);
    }
  }

  private static double[] sumOfLayers(int... layers) {
    double[] out = new double[CASE.x().length];
    for (int i : layers) {
      for (int p = 0; p < out.length; p++) {
        out[p] += CASE.ref().e()[i - 1][p];
      }
    }
    return out;
  }

  @Test
  void decodingASubsetSumsTheCodewordsOfThoseLayersOnly() {
    assertClose("layers 1..3", decode(Set.of(1, 2, 3)), sumOfLayers(1, 2, 3));
    assertClose("layers 2..3", decode(Set.of(2, 3)), sumOfLayers(2, 3));
    assertClose("layers 1 and 3", decode(Set.of(1, 3)), sumOfLayers(1, 3));
  }

  @Test
  void decodingOneLayerGivesExactlyItsCodewords() {
    for (int i = 1; i <= N; i++) {
      float[] got = decode(Set.of(i));
      double[] expected = sumOfLayers(i);
      for (int p = 0; p < got.length; p++) {
        assertThat((double) got[p]).as("layer %d element %d", i, p).isEqualTo(expected[p]);
      }
    }
  }

  @Test
  void checkCodesNamesPositionValueAndRange() {
    Q.checkCodes(new long[] {0, 5, 26});
    assertThatThrownBy(() -> Q.checkCodes(new long[] {0, 26, 27, 30}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("code 27")
        .hasMessageContaining("position 2")
        .hasMessageContaining("[0, 27)");
    assertThatThrownBy(() -> Q.checkCodes(new long[] {-1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("code -1")
        .hasMessageContaining("position 0");
    assertThatThrownBy(() -> VectorQuantizer.of(8).checkCodes(new long[] {7, 8}))
        .hasMessageContaining("code 8 at position 1")
        .hasMessageContaining("[0, 8)");
  }

  @Test
  void decodingALayerThatDoesNotExistThrows() {
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(CASE.books(), M, D)));
      Operand<org.tensorflow.types.TInt64> codes = t.constant(new long[] {0, 1}, 2);
      assertThatThrownBy(() -> Q.decode(t.tf, vars, codes, Set.of(0, 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer 0 does not exist")
          .hasMessageContaining("1..3");
      assertThatThrownBy(() -> Q.decode(t.tf, vars, codes, Set.of(N + 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("layer 4 does not exist");
      assertThatThrownBy(() -> Q.decode(t.tf, vars, codes, Set.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one layer");
    }
  }
}
