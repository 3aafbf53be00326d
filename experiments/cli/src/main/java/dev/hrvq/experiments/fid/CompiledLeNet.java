package dev.hrvq.experiments.fid;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.data.Dataset;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * A {@link LeNet} bound to its own trainer: trains on a labelled data set, saves and restores, and
 * evaluates logits, accuracy and features as plain Java calls on NHWC float arrays (fed in chunks of
 * {@link #CHUNK} images, so a whole test split never becomes one tensor).
 */
public final class CompiledLeNet implements AutoCloseable {
  /** Images per session run when computing logits or features. */
  public static final int CHUNK = 500;

  private final LeNet net;
  private final Trainer trainer;
  private final CompiledFunction logits;
  private final CompiledFunction features;

  public CompiledLeNet(LeNet net, ClassifierTraining training) {
    this.net = net;
    this.trainer = Trainer.builder()
        .setModel(net.model())
        .setOptimizer(Optimizers.adam(training.learningRate()))
        .optSeed(training.seed())
        .build();
    try {
      this.logits = trainer.function("logits", Map.of("x", net.imageSpec()), net.logits(), false);
      this.features = trainer.function("features", Map.of("x", net.imageSpec()), net.features(), false);
    } catch (RuntimeException e) {
      trainer.close();
      throw e;
    }
  }

  public LeNet net() {
    return net;
  }

  /**
   * {@code training.steps()} Adam steps on {@code data} (which must be labelled and match the
   * network's image shape); each epoch is a permutation seeded by {@code training.seed()} and the
   * epoch number, its last partial batch dropped. Returns the mean loss of the last 50 steps.
   */
  public double train(Dataset data, ClassifierTraining training) {
    checkShape(data);
    if (!data.hasLabels()) {
      throw new IllegalArgumentException("data set " + data.name() + " has no labels; the feature classifier needs them");
    }
    int batch = Math.min(training.batchSize(), data.n());
    int perEpoch = data.n() / batch;
    int[] order = null;
    double recent = 0;
    int counted = 0;
    for (int s = 0; s < training.steps(); s++) {
      int epoch = s / perEpoch;
      if (s % perEpoch == 0) {
        order = data.epochOrder(training.seed() * 1_000_003L + epoch);
      }
      int[] idx = new int[batch];
      System.arraycopy(order, (s % perEpoch) * batch, idx, 0, batch);
      try (TFloat32 x = Tensors.of(data.batch(idx), batch, data.h(), data.w(), data.c());
          TFloat32 y = Tensors.of(net.oneHot(data.batchLabels(idx)), batch, net.classes())) {
        float loss = trainer.step(Map.of("x", x, "y", y)).get("loss");
        if (s >= training.steps() - 50) {
          recent += loss;
          counted++;
        }
      }
    }
    return recent / counted;
  }

  /** Logits {@code [n, classes]} of {@code n} images. */
  public float[] logits(float[] images, int n) {
    return run(logits, "logits", images, n, net.classes());
  }

  /** Penultimate features {@code [n, 84]} of {@code n} images. */
  public float[] features(float[] images, int n) {
    return run(features, "features", images, n, LeNet.FEATURES);
  }

  /** The fraction of {@code data}'s images whose largest logit is their label. */
  public double accuracy(Dataset data) {
    checkShape(data);
    float[] out = logits(data.images(), data.n());
    int k = net.classes();
    int hits = 0;
    for (int i = 0; i < data.n(); i++) {
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (out[i * k + j] > out[i * k + best]) {
          best = j;
        }
      }
      if (best == data.labels()[i]) {
        hits++;
      }
    }
    return data.n() == 0 ? 0 : (double) hits / data.n();
  }

  /** Saves the variables as {@code dir/ckpt-<step>/} and returns that folder. */
  public Path save(Path dir) {
    return trainer.save(dir);
  }

  /** Restores the latest checkpoint in {@code dir}; false when there is none. */
  public boolean restoreLatest(Path dir) {
    var latest = Checkpoints.latest(dir);
    latest.ifPresent(trainer::restore);
    return latest.isPresent();
  }

  public long steps() {
    return trainer.stepCount();
  }

  private float[] run(CompiledFunction f, String output, float[] images, int n, int width) {
    int per = net.size() * net.size() * net.channels();
    if ((long) n * per != images.length) {
      throw new IllegalArgumentException(n + " images of " + net.size() + "x" + net.size() + "x" + net.channels()
          + " need " + (long) n * per + " floats, got " + images.length);
    }
    float[] out = new float[n * width];
    for (int start = 0; start < n; start += CHUNK) {
      int count = Math.min(CHUNK, n - start);
      float[] chunk = new float[count * per];
      System.arraycopy(images, start * per, chunk, 0, chunk.length);
      try (TFloat32 x = Tensors.of(chunk, count, net.size(), net.size(), net.channels());
          Outputs result = f.call(Map.of("x", x))) {
        System.arraycopy(result.floats(output), 0, out, start * width, count * width);
      }
    }
    return out;
  }

  private void checkShape(Dataset data) {
    if (data.h() != net.size() || data.w() != net.size() || data.c() != net.channels()) {
      throw new IllegalArgumentException("data set " + data.name() + " has " + data.h() + "x" + data.w() + "x" + data.c()
          + " images; this classifier takes " + net.size() + "x" + net.size() + "x" + net.channels());
    }
  }

  @Override
  public void close() {
    trainer.close();
  }
}
