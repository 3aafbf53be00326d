package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.BatchSums;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;

/** perplexity_l<i> and usage_l<i> against the histogram of the reference's global codes. */
class MetricsTest {

  static double perplexity(double[] histogram) {
    double total = 0;
    for (double h : histogram) {
      total += h;
    }
    double entropy = 0;
    for (double h : histogram) {
      if (h > 0) {
        double p = h / total;
        entropy -= p * Math.log(p);
      }
    }
    return Math.exp(entropy);
  }

  static double usage(double[] histogram) {
    int used = 0;
    for (double h : histogram) {
      if (h > 0) {
        used++;
      }
    }
    return (double) used / histogram.length;
  }

  private static void check(int m, int n, int dim, float[] x, float[][] books) {
    int count = x.length / dim;
    RefVq.Quantized ref = RefVq.quantize(x, dim, m, books, false);
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(m).setLayers(n).build();
    try (TfRun t = new TfRun()) {
      QuantizeOut out = q.apply(t.tf, Vars.of(Params.of(t.codebooks(books, m, dim))), t.constant(x, count, dim), Mode.EVAL);
      BatchSums.Finished finished = out.statistics().finishOwn(t.tf);
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        names.add("perplexity_l" + i);
        names.add("usage_l" + i);
      }
      assertThat(finished.terms().keySet()).containsExactlyInAnyOrderElementsOf(names);
      List<Operand<?>> fetches = new ArrayList<>();
      names.forEach(k -> fetches.add(finished.terms().get(k)));
      TfRun.Fetched f = t.run(fetches.toArray(new Operand<?>[0]));
      for (int i = 1; i <= n; i++) {
        double[] h = RefVq.histogram(ref.global()[i - 1], (long) Math.pow(m, i));
        double p = perplexity(h);
        assertThat((double) f.scalar(2 * (i - 1))).as("perplexity_l%d", i).isCloseTo(p, within(1e-5 * p));
        assertThat((double) f.scalar(2 * (i - 1) + 1)).as("usage_l%d", i).isCloseTo(usage(h), within(1e-6));
      }
    }
  }

  @Test
  void perplexityAndUsageMatchTheCodeHistogram() {
    TreeSearchTest.Case c = TreeSearchTest.randomCase(51, 4, 3, 5, 30, false);
    // 30 vectors cannot use all 64 layer-3 codes: usage < 1 there.
    check(4, 3, 5, c.x(), c.books());
    double[] h3 = RefVq.histogram(c.ref().global()[2], 64);
    assertThat(usage(h3)).isLessThan(1);
  }

  @Test
  void identicalLatentsGivePerplexityOneAndOneCodeUsed() {
    int dim = 3;
    float[] x = new float[12 * dim];
    for (int v = 0; v < 12; v++) {
      x[v * dim] = 0.7f;
      x[v * dim + 1] = -0.2f;
      x[v * dim + 2] = 0.4f;
    }
    float[][] books = RefVq.codebooks(new java.util.Random(52), 2, 2, dim);
    check(2, 2, dim, x, books);
    RefVq.Quantized ref = RefVq.quantize(x, dim, 2, books, false);
    assertThat(perplexity(RefVq.histogram(ref.global()[1], 4))).isEqualTo(1.0);
    assertThat(usage(RefVq.histogram(ref.global()[1], 4))).isEqualTo(0.25);
  }
}
