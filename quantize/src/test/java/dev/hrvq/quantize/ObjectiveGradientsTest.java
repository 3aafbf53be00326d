package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.losses.Terms;
import dev.hrvq.losses.VqObjectives;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.AfterAll;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Where the gradients of the quantizer's output and of every HR-VQVAE term go, checked against
 * central finite differences of the terms' values (float32 values, differences in double). The
 * case is far from ties and every perturbed run is checked to keep the codes, so the terms are
 * quadratic in the perturbed coordinate and central differences are exact up to rounding.
 *
 * <p>A stop-gradient makes a term's gradient the derivative with the stopped operand held at its
 * value: for the codebook terms that operand is the residual {@code r_{i-1}} (and {@code xi0}), so
 * their finite differences are taken with every layer's residual fed at its unperturbed value. The
 * commitment terms' stopped operands (the codewords) do not move when only the latents move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectiveGradientsTest {
  static final int M = 2;
  static final int N = 3;
  static final int D = 3;
  static final int COUNT = 6;
  static final float BETA0 = 0.25f;
  static final float[] BETAS = {0.3f, 0.2f, 0.5f};
  static final float H = 2e-3f;

  TfRun t;
  float[] x;
  float[][] books;
  RefVq.Quantized ref;
  Placeholder<TFloat32> latents;
  List<Placeholder<TFloat32>> bookFeeds;
  QuantizeOut out;
  Terms terms;
  List<String> names;

  @BeforeAll
  void build() {
    Random random = new Random(71);
    for (int attempt = 0; ; attempt++) {
      x = RefVq.gaussian(random, COUNT * D, 1.0);
      books = RefVq.codebooks(random, M, N, D);
      ref = RefVq.quantize(x, D, M, books, false);
      if (ref.minGap() > 2e-2) {
        break;
      }
      assertThat(attempt).as("attempts to find a case far from ties").isLessThan(1000);
    }
    t = new TfRun();
    latents = t.placeholder(COUNT, D);
    Map<String, Placeholder<TFloat32>> ph = t.codebookPlaceholders(N, M, D);
    bookFeeds = new ArrayList<>(ph.values());
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(M).setLayers(N).build();
    out = q.apply(t.tf, Vars.of(Params.of(ph)), latents, Mode.TRAIN);
    List<Operand<TFloat32>> residuals = new ArrayList<>();
    List<Operand<TFloat32>> quantized = new ArrayList<>();
    out.layers().forEach(l -> {
      residuals.add(l.residual());
      quantized.add(l.quantized());
    });
    terms = VqObjectives.hrvqvae(t.tf, out.latents(), out.combined(), residuals, quantized, BETA0, BETAS);
    names = new ArrayList<>(terms.named().keySet());
  }

  @AfterAll
  void close() {
    t.close();
  }

  private List<Operand<TFloat32>> inputs() {
    List<Operand<TFloat32>> in = new ArrayList<>();
    in.add(latents);
    in.addAll(bookFeeds);
    return in;
  }

  private float[][] values() {
    float[][] v = new float[N + 1][];
    v[0] = x.clone();
    for (int i = 0; i < N; i++) {
      v[i + 1] = books[i].clone();
    }
    return v;
  }

  private Map<Operand<TFloat32>, float[]> feeds(float[][] values, Map<Operand<TFloat32>, float[]> held) {
    Map<Operand<TFloat32>, float[]> f = new LinkedHashMap<>();
    List<Operand<TFloat32>> in = inputs();
    for (int i = 0; i < in.size(); i++) {
      f.put(in.get(i), values[i]);
    }
    f.putAll(held);
    return f;
  }

  /** Term values and last-layer codes at {@code values}. */
  private TfRun.Fetched evaluate(float[][] values, Map<Operand<TFloat32>, float[]> held) {
    List<Operand<?>> fetches = new ArrayList<>();
    names.forEach(n -> fetches.add(terms.named().get(n)));
    fetches.add(out.codes().get(N - 1));
    return t.run(feeds(values, held), fetches);
  }

  /** d term / d input, by central differences, for every coordinate of every input. */
  private double[][] finiteDifferences(String term, Map<Operand<TFloat32>, float[]> held) {
    int k = names.indexOf(term);
    float[][] v = values();
    double[][] g = new double[v.length][];
    for (int a = 0; a < v.length; a++) {
      g[a] = new double[v[a].length];
      for (int p = 0; p < v[a].length; p++) {
        float keep = v[a][p];
        v[a][p] = keep + H;
        TfRun.Fetched plus = evaluate(v, held);
        v[a][p] = keep - H;
        TfRun.Fetched minus = evaluate(v, held);
        v[a][p] = keep;
        assertThat(plus.longs(names.size())).as("codes kept under perturbation").containsExactly(ref.global()[N - 1]);
        assertThat(minus.longs(names.size())).as("codes kept under perturbation").containsExactly(ref.global()[N - 1]);
        g[a][p] = ((double) plus.scalar(k) - minus.scalar(k)) / ((double) (keep + H) - (keep - H));
      }
    }
    return g;
  }

  private float[][] analytic(Operand<TFloat32> y) {
    List<Operand<TFloat32>> grads = t.gradients(y, inputs());
    TfRun.Fetched f = t.run(feeds(values(), Map.of()), grads);
    float[][] g = new float[grads.size()][];
    for (int i = 0; i < g.length; i++) {
      g[i] = f.floats(i);
    }
    return g;
  }

  private static void assertZero(String what, float[] g) {
    for (int p = 0; p < g.length; p++) {
      assertThat(g[p]).as("%s[%d]", what, p).isEqualTo(0f);
    }
  }

  private static void assertMatches(String what, float[] analytic, double[] numeric) {
    for (int p = 0; p < numeric.length; p++) {
      assertThat((double) analytic[p]).as("%s[%d]", what, p).isCloseTo(numeric[p], within(1e-4 + 1e-3 * Math.abs(numeric[p])));
    }
  }

  private static String input(int a) {
    return a == 0 ? "latents" : HierarchicalQuantizer.codebookPath(a);
  }

  @Test
  void straightThroughSendsTheOutputGradientToTheLatentsUnchangedAndNothingToTheCodebooks() {
    float[] w = RefVq.gaussian(new Random(72), COUNT * D, 1.0);
    Operand<TFloat32> loss = t.tf.sum(t.tf.math.mul(out.quantized(), t.constant(w, COUNT, D)), t.tf.constant(new int[] {0, 1}));
    float[][] g = analytic(loss);
    assertThat(g[0]).as("d/d latents = w").containsExactly(w);
    for (int i = 1; i <= N; i++) {
      assertZero("d/d " + input(i), g[i]);
    }
  }

  @Test
  void codebookTermsMoveOnlyTheCodebooks() {
    float[][] v = values();
    Map<Operand<TFloat32>, float[]> heldResiduals = new LinkedHashMap<>();
    for (int i = 0; i < N; i++) {
      heldResiduals.put(out.layers().get(i).residual(), toFloat(ref.residual()[i]));
    }
    // Holding the residuals at their values must not change the values themselves.
    TfRun.Fetched base = evaluate(v, Map.of());
    TfRun.Fetched held = evaluate(v, heldResiduals);
    for (int k = 0; k < names.size(); k++) {
      assertThat((double) held.scalar(k)).isCloseTo(base.scalar(k), within(1e-6 + 1e-5 * Math.abs(base.scalar(k))));
    }
    List<String> codebookTerms = names.stream().filter(n -> n.endsWith("_codebook")).toList();
    assertThat(codebookTerms).containsExactly("combined_codebook", "layer1_codebook", "layer2_codebook", "layer3_codebook");
    for (String term : codebookTerms) {
      float[][] g = analytic(terms.named().get(term));
      assertZero(term + " d/d latents", g[0]);
      double[][] fd = finiteDifferences(term, heldResiduals);
      for (int a = 1; a <= N; a++) {
        assertMatches(term + " d/d " + input(a), g[a], fd[a]);
      }
    }
  }

  @Test
  void commitmentTermsMoveOnlyTheLatents() {
    List<String> commitmentTerms = names.stream().filter(n -> n.endsWith("_commitment")).toList();
    assertThat(commitmentTerms).containsExactly("combined_commitment", "layer1_commitment", "layer2_commitment", "layer3_commitment");
    for (String term : commitmentTerms) {
      float[][] g = analytic(terms.named().get(term));
      for (int a = 1; a <= N; a++) {
        assertZero(term + " d/d " + input(a), g[a]);
      }
      double[][] fd = finiteDifferences(term, Map.of());
      assertMatches(term + " d/d latents", g[0], fd[0]);
    }
  }

  @Test
  void termValuesAreTheMeanSquaredErrorsOfTheReference() {
    TfRun.Fetched f = evaluate(values(), Map.of());
    double[] xi0 = TfRun.toDouble(x);
    double combined = RefVq.mse(xi0, ref.eC());
    double cb = f.scalar(names.indexOf("combined_codebook"));
    double cc = f.scalar(names.indexOf("combined_commitment"));
    assertThat(cb).isCloseTo(combined, within(1e-5 * combined));
    assertThat(cc).isCloseTo(BETA0 * combined, within(1e-5 * combined));
    assertThat(cb + cc).isCloseTo((1 + BETA0) * combined, within(2e-5 * combined));
    for (int i = 1; i <= N; i++) {
      double layer = RefVq.mse(ref.residual()[i - 1], ref.e()[i - 1]);
      double lb = f.scalar(names.indexOf("layer" + i + "_codebook"));
      double lc = f.scalar(names.indexOf("layer" + i + "_commitment"));
      assertThat(lb + lc).as("layer %d pair", i).isCloseTo((1 + BETAS[i - 1]) * layer, within(2e-5 * layer));
      assertThat(lc).as("layer %d commitment", i).isCloseTo(BETAS[i - 1] * layer, within(1e-5 * layer));
    }
    assertThat(names).hasSize(2 + 2 * N);
  }

  private static float[] toFloat(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
