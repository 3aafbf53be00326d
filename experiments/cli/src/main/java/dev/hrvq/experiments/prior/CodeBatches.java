package dev.hrvq.experiments.prior;

import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.models.PixelCnnPrior;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TInt64;

/**
 * Feeds for a prior from cached code maps: a map's codes, its conditions (labels, upper maps) for
 * chosen images. Training batches are a function of (seed, step), as for the VQ models.
 */
final class CodeBatches {
  private final PixelCnnPrior prior;
  private final String map;
  private final Map<String, long[]> codes;
  private final Map<String, Integer> perImage;
  private final int[] labels;
  private final int images;

  CodeBatches(PixelCnnPrior prior, String map, Map<String, long[]> codes, Map<String, Integer> perImage, int[] labels) {
    this.prior = prior;
    this.map = map;
    this.codes = codes;
    this.perImage = perImage;
    this.labels = labels;
    this.images = codes.get(map).length / perImage.get(map);
  }

  int images() {
    return images;
  }

  /** The images of training step {@code step}: epoch-wise seeded permutations, partial batches dropped. */
  int[] step(long step, int batch, long seed) {
    int perEpoch = images / batch;
    if (perEpoch == 0) {
      throw new IllegalArgumentException("only " + images + " code maps for a batch of " + batch + "; lower training.batch_size");
    }
    long epoch = step / perEpoch;
    int[] order = dev.hrvq.experiments.data.Dataset.shuffledRange(images, seed * 1_000_003L + epoch);
    int[] out = new int[batch];
    System.arraycopy(order, (int) (step % perEpoch) * batch, out, 0, batch);
    return out;
  }

  /** Tensors for the images {@code idx} (the caller closes them). */
  Map<String, Tensor> feeds(int[] idx) {
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    feeds.put("codes", select(map, "codes", idx));
    if (prior.labels() > 0) {
      feeds.put("labels", Tensors.of(oneHot(labels, idx, prior.labels()), idx.length, prior.labels()));
    }
    prior.uppers().forEach(u -> feeds.put(u.name(), select(u.name(), u.name(), idx)));
    return feeds;
  }

  /** The codes of map {@code name} for images {@code idx}, shaped as the prior's input {@code input}. */
  private TInt64 select(String name, String input, int[] idx) {
    int size = perImage.get(name);
    long[] out = new long[idx.length * size];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(codes.get(name), idx[i] * size, out, i * size, size);
    }
    var spec = prior.inputs().get(input).shape();
    return TInt64.tensorOf(Shape.of(idx.length, spec.get(1), spec.get(2)), DataBuffers.of(out, true, false));
  }

  static float[] oneHot(int[] labels, int[] idx, int classes) {
    float[] out = new float[idx.length * classes];
    for (int i = 0; i < idx.length; i++) {
      out[i * classes + labels[idx[i]]] = 1f;
    }
    return out;
  }
}
