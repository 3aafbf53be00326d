package dev.hrvq.experiments.prior;

import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.PixelCnnPrior;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt64;

/**
 * Ancestral sampling from a prior with one pass of the whole network over the whole map per
 * position ({@link PixelCnnPrior#logits()}), the whole batch at once. Priors with attention need
 * it (attention attends across the whole map); {@link #forPrior} picks the much faster
 * {@link IncrementalSampler}, which draws the same codes, for every other prior.
 */
public final class AncestralSampler implements CodeSampler {
  private final CompiledFunction logits;
  private final PixelCnnPrior prior;
  private final int height;
  private final int width;

  public AncestralSampler(CompiledFunction logits, PixelCnnPrior prior, long height, long width) {
    this.logits = logits;
    this.prior = prior;
    this.height = (int) height;
    this.width = (int) width;
  }

  /**
   * The sampler for {@code prior}, whose variables {@code trainer} holds: an {@link IncrementalSampler}
   * (its two functions compiled into {@code trainer}'s graph) when {@link PixelCnnPrior#incremental()},
   * else one on {@code logits} (the compiled {@link PixelCnnPrior#logits()}).
   */
  public static CodeSampler forPrior(Trainer trainer, PixelCnnPrior prior, CompiledFunction logits) {
    return prior.incremental()
        ? IncrementalSampler.compile(trainer, prior)
        : new AncestralSampler(logits, prior, prior.height(), prior.width());
  }

  @Override
  public long[] sample(int n, float[] labels, Map<String, long[]> uppers, float temperature, long seed) {
    Random random = new Random(seed);
    int k = (int) prior.codes();
    int positions = height * width;
    long[] codes = new long[n * positions];
    double[] p = new double[k];
    for (int pos = 0; pos < positions; pos++) {
      float[] l = run(n, codes, labels, uppers);
      for (int i = 0; i < n; i++) {
        codes[i * positions + pos] = draw(l, (i * positions + pos) * k, k, temperature, random, p);
      }
    }
    return codes;
  }

  /**
   * One code drawn from the softmax at {@code temperature} of {@code logits[offset, offset + k)},
   * taking one {@code random.nextDouble()}; {@code p} is scratch of length k.
   */
  static int draw(float[] logits, int offset, int k, float temperature, Random random, double[] p) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, logits[offset + c] / temperature);
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      p[c] = Math.exp(logits[offset + c] / temperature - max);
      total += p[c];
    }
    double u = random.nextDouble() * total;
    for (int c = 0; c < k; c++) {
      u -= p[c];
      if (u < 0) {
        return c;
      }
    }
    return k - 1;
  }

  private float[] run(int n, long[] codes, float[] labels, Map<String, long[]> uppers) {
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    try {
      feeds.put("codes", TInt64.tensorOf(Shape.of(n, height, width), DataBuffers.of(codes, true, false)));
      if (prior.labels() > 0) {
        feeds.put("labels", Tensors.of(labels, n, prior.labels()));
      }
      for (PixelCnnPrior.Upper u : prior.uppers()) {
        feeds.put(u.name(), TInt64.tensorOf(Shape.of(n, u.height(), u.width()),
            DataBuffers.of(uppers.get(u.name()), true, false)));
      }
      try (Outputs out = logits.call(feeds)) {
        return out.floats("logits");
      }
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }
}
