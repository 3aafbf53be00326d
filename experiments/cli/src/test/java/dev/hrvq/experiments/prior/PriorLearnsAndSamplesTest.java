package dev.hrvq.experiments.prior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.PixelCnnPrior;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Tensor;

/**
 * The prior learns structure that only an autoregressive model can (each 4x4 map repeats one
 * random code everywhere, so a position is predictable only from the positions before it) and
 * ancestral sampling reproduces it.
 */
class PriorLearnsAndSamplesTest {
  private static final int K = 4;
  private static final int SIDE = 4;

  @Test
  void constantMapsAreLearnedAndSampled() {
    int images = 256;
    long[] codes = new long[images * SIDE * SIDE];
    for (int i = 0; i < images; i++) {
      java.util.Arrays.fill(codes, i * SIDE * SIDE, (i + 1) * SIDE * SIDE, i % K);
    }
    PixelCnnPrior prior = new PixelCnnPrior(SIDE, SIDE, K, 0, List.of(), new PixelCnnPrior.Sizes(16, 2, 3, 0, 0f, 8));
    CodeBatches batches = new CodeBatches(prior, "codes", Map.of("codes", codes), Map.of("codes", SIDE * SIDE), new int[0]);
    try (Trainer t = Trainer.builder().setModel(prior.model()).setOptimizer(Optimizers.adam(5e-3f)).optSeed(1).build()) {
      float first = 0;
      float last = 0;
      for (int step = 0; step < 200; step++) {
        Map<String, Tensor> feeds = batches.feeds(batches.step(step, 32, 1));
        try {
          float bits = t.step(feeds).get("bits");
          first = step == 0 ? bits : first;
          last = bits;
        } finally {
          feeds.values().forEach(Tensor::close);
        }
      }
      // A uniform guess costs 2 bits per position; knowing the map's code after its first position costs
      // 2 / 16 = 0.125 bits per position on average.
      System.out.printf("prior on constant maps: %.3f -> %.3f bits/position%n", first, last);
      assertThat(last).isLessThan(0.4f);
      var logits = t.function("logits", prior.inputs(), prior.logits(), false);
      long[] samples = new AncestralSampler(logits, prior, SIDE, SIDE).sample(16, null, Map.of(), 0.7f, 3);
      int constant = 0;
      for (int i = 0; i < 16; i++) {
        boolean same = true;
        for (int p = 1; p < SIDE * SIDE; p++) {
          same &= samples[i * SIDE * SIDE + p] == samples[i * SIDE * SIDE];
        }
        constant += same ? 1 : 0;
      }
      assertThat(java.util.Arrays.stream(samples).allMatch(c -> c >= 0 && c < K)).isTrue();
      assertThat(constant).as("sampled maps that repeat their first code everywhere").isGreaterThanOrEqualTo(13);
    }
  }
}
