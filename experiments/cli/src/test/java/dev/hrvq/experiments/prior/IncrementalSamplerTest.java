package dev.hrvq.experiments.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.PixelCnnPrior;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt64;

/**
 * The incremental sampler draws exactly the codes of the full-pass sampler for the same seed and
 * temperature, in one batch or several, on randomly initialised priors: unconditional,
 * class-conditional, and a VQ-VAE-2 lower level conditioned on an upper map; the prior's row step
 * gives its full logits at every position; a prior with attention is sampled by full passes.
 */
class IncrementalSamplerTest {
  private static final int K = 7;
  private static final int N = 40;

  @Test
  void unconditionalPrior() {
    PixelCnnPrior prior = new PixelCnnPrior(5, 6, K, 0, List.of(), new PixelCnnPrior.Sizes(8, 3, 3, 0, 0f, 4));
    compare(prior, null, Map.of(), 1f, 11);
  }

  /** A bfloat16 prior: both samplers compute in bfloat16, so they draw the same codes too. */
  @Test
  void bfloat16Prior() {
    PixelCnnPrior prior = new PixelCnnPrior(5, 6, K, 2, List.of(), new PixelCnnPrior.Sizes(8, 3, 3, 0, 0f, 4),
        dev.hrvq.models.Precision.BF16);
    float[] labels = new float[N * 2];
    for (int i = 0; i < N; i++) {
      labels[i * 2 + i % 2] = 1f;
    }
    compare(prior, labels, Map.of(), 1f, 13);
  }

  @Test
  void kernel5AtALowTemperature() {
    PixelCnnPrior prior = new PixelCnnPrior(4, 5, K, 0, List.of(), new PixelCnnPrior.Sizes(8, 2, 5, 0, 0f, 4));
    compare(prior, null, Map.of(), 0.7f, 12);
  }

  @Test
  void classConditionalPrior() {
    PixelCnnPrior prior = new PixelCnnPrior(4, 5, K, 3, List.of(), new PixelCnnPrior.Sizes(8, 3, 3, 0, 0f, 4));
    float[] labels = new float[N * 3];
    for (int i = 0; i < N; i++) {
      labels[i * 3 + i % 3] = 1f;
    }
    compare(prior, labels, Map.of(), 1f, 13);
  }

  @Test
  void lowerLevelConditionedOnAnUpperMapAndLabels() {
    var upper = new PixelCnnPrior.Upper("codes1", 2, 3, 5);
    PixelCnnPrior prior = new PixelCnnPrior(4, 6, K, 2, List.of(upper), new PixelCnnPrior.Sizes(8, 3, 3, 0, 0.2f, 4));
    Random random = new Random(3);
    long[] codes1 = new long[N * 2 * 3];
    Arrays.setAll(codes1, i -> random.nextInt(5));
    float[] labels = new float[N * 2];
    for (int i = 0; i < N; i++) {
      labels[i * 2 + i % 2] = 1f;
    }
    compare(prior, labels, Map.of("codes1", codes1), 1f, 14);
  }

  @Test
  void rowStepLogitsAreTheFullLogitsOfALowerLevelPrior() {
    var upper = new PixelCnnPrior.Upper("codes1", 2, 3, 5);
    PixelCnnPrior prior = new PixelCnnPrior(4, 6, K, 2, List.of(upper), new PixelCnnPrior.Sizes(8, 3, 5, 0, 0f, 4));
    int n = 3;
    Random random = new Random(5);
    long[] codes = new long[n * 4 * 6];
    Arrays.setAll(codes, i -> random.nextInt(K));
    long[] codes1 = new long[n * 2 * 3];
    Arrays.setAll(codes1, i -> random.nextInt(5));
    float[] labels = {1, 0, 0, 1, 1, 0};
    try (Trainer t = Trainer.builder().setModel(prior.model()).optSeed(4).build()) {
      CompiledFunction logits = t.function("logits", prior.inputs(), prior.logits(), false);
      CompiledFunction context = t.function("row_context", prior.rowContextInputs(), prior.rowContext(), false);
      CompiledFunction step = t.function("row_step", prior.rowStepInputs(), prior.rowStep(), false);
      float[] full;
      Map<String, Tensor> in = feeds(n, codes, 4, 6, labels, codes1);
      try (Outputs out = logits.call(in)) {
        full = out.floats("logits");
      } finally {
        in.values().forEach(Tensor::close);
      }
      for (int row = 0; row < 4; row++) {
        Map<String, Tensor> contextIn = feeds(n, codes, 4, 6, labels, codes1);
        contextIn.put(PixelCnnPrior.ROW, TInt64.scalarOf(row));
        try (Outputs rowContext = context.call(contextIn)) {
          assertThat(rowContext.names()).containsExactly("above0", "above1", "above2", PixelCnnPrior.CONDITION);
          long[] rowCodes = new long[n * 6];
          for (int i = 0; i < n; i++) {
            System.arraycopy(codes, (i * 4 + row) * 6, rowCodes, i * 6, 6);
          }
          for (int column = 0; column < 6; column++) {
            try (TInt64 r = TInt64.tensorOf(Shape.of(n, 1, 6), DataBuffers.of(rowCodes, true, false));
                TInt64 c = TInt64.scalarOf(column)) {
              Map<String, Tensor> stepIn = new HashMap<>(Map.of(PixelCnnPrior.ROW_CODES, r, PixelCnnPrior.COLUMN, c));
              rowContext.names().forEach(name -> stepIn.put(name, rowContext.tensor(name)));
              try (Outputs out = step.call(stepIn)) {
                float[] got = out.floats("logits");
                for (int i = 0; i < n; i++) {
                  for (int k = 0; k < K; k++) {
                    float want = full[((i * 4 + row) * 6 + column) * K + k];
                    assertThat(got[i * K + k]).as("sample %d, position (%d, %d), code %d", i, row, column, k)
                        .isCloseTo(want, within(1e-5f * Math.max(1f, Math.abs(want))));
                  }
                }
              }
            }
          }
        } finally {
          contextIn.values().forEach(Tensor::close);
        }
      }
    }
  }

  @Test
  void aPriorWithAttentionIsSampledByFullPasses() {
    PixelCnnPrior prior = new PixelCnnPrior(3, 4, K, 0, List.of(), new PixelCnnPrior.Sizes(8, 2, 3, 1, 0f, 4));
    assertThat(prior.incremental()).isFalse();
    try (Trainer t = Trainer.builder().setModel(prior.model()).optSeed(1).build()) {
      CompiledFunction logits = t.function("logits", prior.inputs(), prior.logits(), false);
      CodeSampler sampler = AncestralSampler.forPrior(t, prior, logits);
      assertThat(sampler).isInstanceOf(AncestralSampler.class);
      long[] codes = sampler.sample(3, null, Map.of(), 1f, 2);
      assertThat(codes).hasSize(3 * 3 * 4);
      assertThat(Arrays.stream(codes).allMatch(c -> c >= 0 && c < K)).isTrue();
      assertThatThrownBy(() -> new IncrementalSampler(logits, logits, prior, 10)).hasMessageContaining("attention");
    }
  }

  private static Map<String, Tensor> feeds(int n, long[] codes, long h, long w, float[] labels, long[] codes1) {
    Map<String, Tensor> in = new HashMap<>();
    in.put("codes", TInt64.tensorOf(Shape.of(n, h, w), DataBuffers.of(codes, true, false)));
    in.put("labels", Tensors.of(labels, n, labels.length / n));
    in.put("codes1", TInt64.tensorOf(Shape.of(n, 2, 3), DataBuffers.of(codes1, true, false)));
    return in;
  }

  /** Full passes against the incremental sampler in one batch, in batches of 16 (16 + 16 + 8), and chosen by forPrior. */
  private static void compare(PixelCnnPrior prior, float[] labels, Map<String, long[]> uppers, float temperature, long seed) {
    try (Trainer t = Trainer.builder().setModel(prior.model()).optSeed(seed).build()) {
      CompiledFunction logits = t.function("logits", prior.inputs(), prior.logits(), false);
      long[] full = new AncestralSampler(logits, prior, prior.height(), prior.width()).sample(N, labels, uppers, temperature, seed);
      CodeSampler chosen = AncestralSampler.forPrior(t, prior, logits);
      assertThat(chosen).isInstanceOf(IncrementalSampler.class);
      long[] incremental = chosen.sample(N, labels, uppers, temperature, seed);
      CompiledFunction context = t.function("context2", prior.rowContextInputs(), prior.rowContext(), false);
      CompiledFunction step = t.function("step2", prior.rowStepInputs(), prior.rowStep(), false);
      long[] batched = new IncrementalSampler(context, step, prior, 16).sample(N, labels, uppers, temperature, seed);
      assertThat(incremental).isEqualTo(full);
      assertThat(batched).isEqualTo(full);
      // Not vacuous: the maps hold several codes, and another seed draws other maps.
      assertThat(Arrays.stream(full).distinct().count()).isGreaterThan(2);
      assertThat(chosen.sample(N, labels, uppers, temperature, seed + 1)).isNotEqualTo(full);
    }
  }
}
