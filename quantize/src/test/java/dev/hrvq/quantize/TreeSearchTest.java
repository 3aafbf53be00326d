package dev.hrvq.quantize;

import static dev.hrvq.quantize.TfRun.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Operand;

/**
 * Tree search against {@link RefVq}'s brute force restricted to the selected codebook, on random
 * Gaussian cases far from ties: codes exactly, codewords, residuals and e_C to float precision.
 */
class TreeSearchTest {
  static final double MIN_GAP = 1e-4;

  /** A random case (latents, codebooks) whose every search is further than MIN_GAP from a tie. */
  record Case(float[] x, float[][] books, RefVq.Quantized ref) {}

  static Case randomCase(long seed, int m, int n, int dim, int count, boolean flat) {
    Random random = new Random(seed);
    for (int attempt = 0; attempt < 100; attempt++) {
      float[] x = RefVq.gaussian(random, count * dim, 1.0);
      float[][] books = RefVq.codebooks(random, m, n, dim);
      RefVq.Quantized ref = RefVq.quantize(x, dim, m, books, flat);
      if (ref.minGap() >= MIN_GAP) {
        return new Case(x, books, ref);
      }
    }
    throw new AssertionError("no case without near-ties in 100 attempts");
  }

  static void checkAgainstReference(Search search, int m, int n, int dim, long seed) {
    int count = 100;
    Case c = randomCase(seed, m, n, dim, count, search == Search.FLAT);
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(m).setLayers(n).optSearch(search).build();
    try (TfRun t = new TfRun()) {
      Vars vars = new Vars(Params.of(t.codebooks(c.books(), m, dim)), Params.empty());
      QuantizeOut out = q.apply(t.tf, vars, t.constant(c.x(), count, dim), Mode.TRAIN);
      assertThat(out.layers()).hasSize(n);
      assertThat(out.codes()).hasSize(n);
      List<Operand<?>> fetches = new ArrayList<>();
      for (QuantizedLayer l : out.layers()) {
        fetches.addAll(List.of(l.localCodes(), l.globalCodes(), l.quantized(), l.residual()));
      }
      fetches.addAll(out.codes());
      fetches.addAll(List.of(out.combined(), out.quantized(), out.latents()));
      TfRun.Fetched f = t.run(fetches.toArray(new Operand<?>[0]));
      RefVq.Quantized ref = c.ref();
      for (int i = 0; i < n; i++) {
        String layer = search + " (m=" + m + ", n=" + n + ", D=" + dim + ") layer " + (i + 1);
        assertThat(f.longs(4 * i)).as(layer + " local codes").containsExactly(ref.local()[i]);
        assertThat(f.longs(4 * i + 1)).as(layer + " global codes").containsExactly(ref.global()[i]);
        assertClose(layer + " e_i", f.floats(4 * i + 2), ref.e()[i]);
        assertClose(layer + " residual r_{i-1}", f.floats(4 * i + 3), ref.residual()[i]);
        assertThat(f.longs(4 * n + i)).as(layer + " codes").containsExactly(ref.global()[i]);
        assertThat(f.shape(4 * n + i)).as(layer + " codes shape").containsExactly(count);
      }
      int k = 5 * n;
      assertClose("e_C", f.floats(k), ref.eC());
      assertThat(f.shape(k)).containsExactly(count, dim);
      assertClose("straight-through value", f.floats(k + 1), ref.eC());
      assertThat(f.shape(k + 1)).containsExactly(count, dim);
      assertThat(f.floats(k + 2)).as("xi0").containsExactly(c.x());
    }
  }

  @ParameterizedTest(name = "m={0}, n={1}, D={2}, seed={3}")
  @CsvSource({"2,3,4,1", "2,3,4,2", "4,3,8,3", "3,2,5,4", "8,1,4,5", "2,5,3,6", "16,2,6,7"})
  void treeSearchEqualsBruteForceInTheSelectedCodebook(int m, int n, int dim, long seed) {
    checkAgainstReference(Search.TREE, m, n, dim, seed);
  }

  @Test
  void residualIsTheLatentMinusEveryEarlierCodeword() {
    // r_{i-1} = xi0 - sum_{j<i} e_j, independently of the reference's own running residual.
    int m = 3;
    int n = 3;
    int dim = 4;
    Case c = randomCase(11, m, n, dim, 50, false);
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < c.x().length; p++) {
        double expected = c.x()[p];
        for (int j = 0; j < i; j++) {
          expected -= c.ref().e()[j][p];
        }
        assertThat(c.ref().residual()[i][p]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-12));
      }
    }
    checkAgainstReference(Search.TREE, m, n, dim, 11);
  }

  @Test
  void fourDimensionalLatentsGiveCodesShapedLikeTheLatentsWithoutTheLastAxis() {
    int m = 3;
    int n = 3;
    int dim = 5;
    long[] shape = {2, 3, 4, dim};
    int count = 2 * 3 * 4;
    Case c = randomCase(21, m, n, dim, count, false);
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(m).setLayers(n).build();
    try (TfRun t = new TfRun()) {
      Vars vars = new Vars(Params.of(t.codebooks(c.books(), m, dim)), Params.empty());
      QuantizeOut out = q.apply(t.tf, vars, t.constant(c.x(), shape), Mode.EVAL);
      List<Operand<?>> fetches = new ArrayList<>(out.codes());
      fetches.add(out.quantized());
      fetches.add(out.combined());
      fetches.add(out.layers().get(n - 1).globalCodes());
      TfRun.Fetched f = t.run(fetches.toArray(new Operand<?>[0]));
      for (int i = 0; i < n; i++) {
        assertThat(f.shape(i)).as("layer %d codes shape", i + 1).containsExactly(2, 3, 4);
        assertThat(f.longs(i)).as("layer %d codes (row-major)", i + 1).containsExactly(c.ref().global()[i]);
      }
      assertThat(f.shape(n)).as("quantized shape").containsExactly(shape);
      assertClose("quantized", f.floats(n), c.ref().eC());
      assertThat(f.shape(n + 1)).as("combined is flattened").containsExactly(count, dim);
      assertThat(f.shape(n + 2)).as("per-layer codes are flat").containsExactly(count);
    }
  }

  @Test
  void vectorQuantizerIsFlatNearestNeighbour() {
    int k = 10;
    int dim = 6;
    int count = 80;
    Case c = randomCase(31, k, 1, dim, count, false);
    HierarchicalQuantizer q = VectorQuantizer.of(k);
    assertThat(q.layers()).isEqualTo(1);
    assertThat(q.codesInLayer(1)).isEqualTo(k);
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(c.books(), k, dim)));
      QuantizeOut out = q.apply(t.tf, vars, t.constant(c.x(), 4, 20, dim), Mode.TRAIN);
      TfRun.Fetched f = t.run(out.codes().get(0), out.quantized());
      assertThat(f.longs(0)).containsExactly(c.ref().global()[0]);
      assertThat(f.shape(0)).containsExactly(4, 20);
      assertClose("quantized", f.floats(1), c.ref().eC());
    }
  }
}
