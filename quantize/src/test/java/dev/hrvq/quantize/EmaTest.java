package dev.hrvq.quantize;

import static dev.hrvq.quantize.TfRun.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hrvq.api.Init;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.BatchSums;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** One EMA step against a double implementation of the update with per-codebook Laplace smoothing. */
class EmaTest {
  static final double DECAY = 0.9;
  static final double EPS = 1e-5;
  static final int M = 3;
  static final int N = 2;
  static final int D = 4;

  /** Expected counts', sums' and codebook of one layer (0-based {@code i}). */
  record Expected(double[] counts, double[] sums, double[] codebook) {}

  static Expected reference(int i, RefVq.Quantized q, float[] counts, float[] sums) {
    int k = (int) Math.pow(M, i + 1);
    int books = k / M;
    double[] n = new double[k];
    double[] s = new double[k * D];
    long[] codes = q.global()[i];
    for (int v = 0; v < codes.length; v++) {
      int g = (int) codes[v];
      n[g]++;
      for (int d = 0; d < D; d++) {
        s[g * D + d] += q.residual()[i][v * D + d];
      }
    }
    double[] c2 = new double[k];
    double[] s2 = new double[k * D];
    for (int g = 0; g < k; g++) {
      c2[g] = DECAY * counts[g] + (1 - DECAY) * n[g];
      for (int d = 0; d < D; d++) {
        s2[g * D + d] = DECAY * sums[g * D + d] + (1 - DECAY) * s[g * D + d];
      }
    }
    double[] codebook = new double[k * D];
    for (int b = 0; b < books; b++) {
      double nb = 0;
      for (int j = 0; j < M; j++) {
        nb += c2[b * M + j];
      }
      for (int j = 0; j < M; j++) {
        int g = b * M + j;
        double smoothed = (c2[g] + EPS) / (nb + M * EPS) * nb;
        for (int d = 0; d < D; d++) {
          codebook[g * D + d] = s2[g * D + d] / smoothed;
        }
      }
    }
    return new Expected(c2, s2, codebook);
  }

  static HierarchicalQuantizer emaQuantizer() {
    return HierarchicalQuantizer.builder().setCodewords(M).setLayers(N)
        .optEma(new EmaOptions((float) DECAY, (float) EPS)).build();
  }

  @Test
  void oneTrainingStepMatchesTheDoubleImplementation() {
    int count = 40;
    TreeSearchTest.Case c = TreeSearchTest.randomCase(61, M, N, D, count, false);
    Random random = new Random(62);
    float[][] counts = new float[N][];
    float[][] sums = new float[N][];
    for (int i = 0; i < N; i++) {
      int k = (int) Math.pow(M, i + 1);
      counts[i] = new float[k];
      for (int g = 0; g < k; g++) {
        counts[i][g] = 0.5f + 2.5f * random.nextFloat();
      }
      sums[i] = RefVq.gaussian(random, k * D, 1.0);
    }
    // One codebook of layer 2 with zero counts and (if unused this batch) nothing to average:
    // the smoothing must still give finite codewords.
    for (int j = 0; j < M; j++) {
      counts[1][2 * M + j] = 0f;
    }
    HierarchicalQuantizer q = emaQuantizer();
    try (TfRun t = new TfRun()) {
      Map<String, Operand<TFloat32>> state = new LinkedHashMap<>(t.codebooks(c.books(), M, D));
      for (int i = 0; i < N; i++) {
        int k = (int) Math.pow(M, i + 1);
        state.put("layer" + (i + 1) + "/ema_count", t.constant(counts[i], k));
        state.put("layer" + (i + 1) + "/ema_sum", t.constant(sums[i], k, D));
      }
      QuantizeOut out = q.apply(t.tf, new Vars(Params.empty(), Params.of(state)), t.constant(c.x(), count, D), Mode.TRAIN);
      BatchSums.Finished finished = out.statistics().finishOwn(t.tf);
      List<String> paths = new ArrayList<>();
      for (int i = 1; i <= N; i++) {
        paths.addAll(List.of(HierarchicalQuantizer.codebookPath(i), HierarchicalQuantizer.emaCountPath(i), HierarchicalQuantizer.emaSumPath(i)));
      }
      assertThat(finished.state().paths()).containsExactlyInAnyOrderElementsOf(paths);
      List<Operand<?>> fetches = new ArrayList<>();
      for (int i = 1; i <= N; i++) {
        fetches.add(finished.state().get(HierarchicalQuantizer.emaCountPath(i)));
        fetches.add(finished.state().get(HierarchicalQuantizer.emaSumPath(i)));
        fetches.add(finished.state().get(HierarchicalQuantizer.codebookPath(i)));
        fetches.add(out.codes().get(i - 1));
      }
      TfRun.Fetched f = t.run(fetches.toArray(new Operand<?>[0]));
      for (int i = 0; i < N; i++) {
        Expected e = reference(i, c.ref(), counts[i], sums[i]);
        int k = (int) Math.pow(M, i + 1);
        String layer = "layer " + (i + 1);
        assertThat(f.longs(4 * i + 3)).as(layer + " codes searched in the state codebooks").containsExactly(c.ref().global()[i]);
        assertClose(layer + " ema_count", f.floats(4 * i), e.counts());
        assertThat(f.shape(4 * i)).containsExactly(k);
        assertClose(layer + " ema_sum", f.floats(4 * i + 1), e.sums());
        assertThat(f.shape(4 * i + 1)).containsExactly(k, D);
        assertClose(layer + " codebook", f.floats(4 * i + 2), e.codebook(), 1e-5, 1e-4);
        assertThat(f.shape(4 * i + 2)).containsExactly(k / M, M, D);
      }
    }
  }

  @Test
  void aCodebookNoVectorHasReachedYetKeepsItsCodewords() {
    // The state as init() declares it (zero counts and sums), and a batch in which every vector
    // takes layer-1 codeword 0: the layer-2 codebooks under codewords 1 and 2 have n_b = 0, so
    // (c' + eps) / (n_b + m eps) * n_b = 0 and sums'/smoothed = 0/0. Nothing was assigned to
    // them, so they must keep their codewords (not turn NaN and poison every later step).
    float[] layer1 = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0};
    float[] layer2 = RefVq.gaussian(new Random(65), M * M * D, 0.5);
    int count = 6;
    float[] x = new float[count * D];
    Random random = new Random(66);
    for (int v = 0; v < count; v++) {
      x[v * D] = 1 + 0.1f * (float) random.nextGaussian();
      for (int d = 1; d < D; d++) {
        x[v * D + d] = 0.1f * (float) random.nextGaussian();
      }
    }
    float[][] books = {layer1, layer2};
    RefVq.Quantized ref = RefVq.quantize(x, D, M, books, false);
    assertThat(ref.global()[0]).containsOnly(0L);
    try (TfRun t = new TfRun()) {
      Map<String, Operand<TFloat32>> state = new LinkedHashMap<>(t.codebooks(books, M, D));
      for (int i = 1; i <= N; i++) {
        int k = (int) Math.pow(M, i);
        state.put(HierarchicalQuantizer.emaCountPath(i), t.constant(new float[k], k));
        state.put(HierarchicalQuantizer.emaSumPath(i), t.constant(new float[k * D], k, D));
      }
      QuantizeOut out = emaQuantizer().apply(t.tf, new Vars(Params.empty(), Params.of(state)), t.constant(x, count, D), Mode.TRAIN);
      BatchSums.Finished finished = out.statistics().finishOwn(t.tf);
      TfRun.Fetched f = t.run(finished.state().get(HierarchicalQuantizer.codebookPath(2)), finished.state().get(HierarchicalQuantizer.codebookPath(1)));
      float[] updated = f.floats(0);
      Expected e = reference(1, ref, new float[M * M], new float[M * M * D]);
      for (int g = 0; g < M * M; g++) {
        for (int d = 0; d < D; d++) {
          int p = g * D + d;
          if (g < M) {
            assertThat((double) updated[p]).as("layer 2 global code %d (reached), element %d", g, d)
                .isCloseTo(e.codebook()[p], org.assertj.core.api.Assertions.within(1e-4 * Math.abs(e.codebook()[p]) + 1e-5));
          } else {
            assertThat(updated[p]).as("layer 2 global code %d (never reached), element %d", g, d).isEqualTo(layer2[p]);
          }
        }
      }
      assertThat(f.floats(1)).as("layer 1 stays finite").doesNotContain(Float.NaN);
    }
  }

  @Test
  void evalModeLeavesTheStateAlone() {
    int count = 10;
    TreeSearchTest.Case c = TreeSearchTest.randomCase(63, M, N, D, count, false);
    try (TfRun t = new TfRun()) {
      Map<String, Operand<TFloat32>> state = new LinkedHashMap<>(t.codebooks(c.books(), M, D));
      for (int i = 1; i <= N; i++) {
        int k = (int) Math.pow(M, i);
        state.put(HierarchicalQuantizer.emaCountPath(i), t.constant(new float[k], k));
        state.put(HierarchicalQuantizer.emaSumPath(i), t.constant(new float[k * D], k, D));
      }
      QuantizeOut out = emaQuantizer().apply(t.tf, new Vars(Params.empty(), Params.of(state)), t.constant(c.x(), count, D), Mode.EVAL);
      BatchSums.Finished finished = out.statistics().finishOwn(t.tf);
      assertThat(finished.state().isEmpty()).isTrue();
      assertThat(t.run(out.codes().get(N - 1)).longs(0)).containsExactly(c.ref().global()[N - 1]);
    }
  }

  @Test
  void withoutEmaTrainingHasNoNewState() {
    TreeSearchTest.Case c = TreeSearchTest.randomCase(64, M, N, D, 10, false);
    try (TfRun t = new TfRun()) {
      HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(M).setLayers(N).build();
      QuantizeOut out = q.apply(t.tf, Vars.of(Params.of(t.codebooks(c.books(), M, D))), t.constant(c.x(), 10, D), Mode.TRAIN);
      BatchSums.Finished finished = out.statistics().finishOwn(t.tf);
      assertThat(finished.state().isEmpty()).isTrue();
    }
  }

  @Test
  void withEmaTheCodebooksAreStateNotParams() {
    HierarchicalQuantizer q = emaQuantizer();
    assertThat(q.usesEma()).isTrue();
    Init init = q.init(Shape.of(-1, 8, 8, D));
    assertThat(init.params()).isEmpty();
    assertThat(init.state().keySet()).containsExactly(
        HierarchicalQuantizer.codebookPath(1), HierarchicalQuantizer.emaCountPath(1), HierarchicalQuantizer.emaSumPath(1),
        HierarchicalQuantizer.codebookPath(2), HierarchicalQuantizer.emaCountPath(2), HierarchicalQuantizer.emaSumPath(2));
    assertThat(init.state().get(HierarchicalQuantizer.codebookPath(1)).shape()).isEqualTo(Shape.of(1, M, D));
    assertThat(init.state().get(HierarchicalQuantizer.codebookPath(2)).shape()).isEqualTo(Shape.of(M, M, D));
    assertThat(init.state().get(HierarchicalQuantizer.emaCountPath(1)).shape()).isEqualTo(Shape.of(M));
    assertThat(init.state().get(HierarchicalQuantizer.emaCountPath(2)).shape()).isEqualTo(Shape.of(M * M));
    assertThat(init.state().get(HierarchicalQuantizer.emaSumPath(1)).shape()).isEqualTo(Shape.of(M, D));
    assertThat(init.state().get(HierarchicalQuantizer.emaSumPath(2)).shape()).isEqualTo(Shape.of(M * M, D));
  }

  @Test
  void invalidEmaOptionsAreRejected() {
    assertThatThrownBy(() -> new EmaOptions(1f, 1e-5f)).hasMessageContaining("decay").hasMessageContaining("(0, 1)");
    assertThatThrownBy(() -> new EmaOptions(0f, 1e-5f)).hasMessageContaining("decay");
    assertThatThrownBy(() -> new EmaOptions(0.99f, 0f)).hasMessageContaining("epsilon");
    assertThatThrownBy(() -> new EmaOptions(Float.NaN, 1e-5f)).hasMessageContaining("decay");
  }
}
