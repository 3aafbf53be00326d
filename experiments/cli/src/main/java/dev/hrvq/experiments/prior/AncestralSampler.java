package dev.hrvq.experiments.prior;

import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.models.PixelCnnPrior;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt64;

/**
 * Ancestral sampling from a prior: positions in raster order, each drawn from the softmax (at a
 * temperature) of its logits given the positions already drawn; the whole batch at once. One
 * network pass per position.
 */
public final class AncestralSampler {
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
   * {@code n} code maps ({@code n x H x W}, row-major).
   *
   * @param labels one-hot labels ({@code n x classes}) when the prior is class-conditional, else null
   * @param uppers the code maps of upper levels this prior is conditioned on
   */
  public long[] sample(int n, float[] labels, Map<String, long[]> uppers, float temperature, long seed) {
    Random random = new Random(seed);
    int k = (int) prior.codes();
    int positions = height * width;
    long[] codes = new long[n * positions];
    double[] p = new double[k];
    for (int pos = 0; pos < positions; pos++) {
      float[] l = run(n, codes, labels, uppers);
      for (int i = 0; i < n; i++) {
        int offset = (i * positions + pos) * k;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          max = Math.max(max, l[offset + c] / temperature);
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
          p[c] = Math.exp(l[offset + c] / temperature - max);
          total += p[c];
        }
        double u = random.nextDouble() * total;
        int chosen = k - 1;
        for (int c = 0; c < k; c++) {
          u -= p[c];
          if (u < 0) {
            chosen = c;
            break;
          }
        }
        codes[i * positions + pos] = chosen;
      }
    }
    return codes;
  }

  private float[] run(int n, long[] codes, float[] labels, Map<String, long[]> uppers) {
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    try {
      feeds.put("codes", TInt64.tensorOf(org.tensorflow.ndarray.Shape.of(n, height, width), DataBuffers.of(codes, true, false)));
      if (prior.labels() > 0) {
        feeds.put("labels", Tensors.of(labels, n, prior.labels()));
      }
      for (PixelCnnPrior.Upper u : prior.uppers()) {
        feeds.put(u.name(), TInt64.tensorOf(org.tensorflow.ndarray.Shape.of(n, u.height(), u.width()),
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
