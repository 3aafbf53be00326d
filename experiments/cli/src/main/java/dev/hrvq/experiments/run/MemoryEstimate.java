package dev.hrvq.experiments.run;

import dev.hrvq.experiments.config.ExperimentConfig;
import java.lang.management.ManagementFactory;

/**
 * Refuses, before anything is loaded or written, a run whose sizes cannot fit: image arrays larger
 * than a Java array or the heap, and training activations larger than the machine's memory. The
 * activation figure is a lower bound (the encoder's and decoder's largest feature maps, forward
 * and backward), so a refusal is always right; passing it does not promise the run fits.
 */
final class MemoryEstimate {
  private static final long FLOAT = Float.BYTES;

  private MemoryEstimate() {}

  /** Checks the images of one split ({@code n} images of {@code size x size x channels}) against array and heap limits. */
  static void checkImages(dev.hrvq.experiments.data.Split split, String limitKey, long n, int size, int channels) {
    long floats = n * (long) size * size * channels;
    long heap = Runtime.getRuntime().maxMemory();
    String sizes = n + " " + split.label() + " images of " + size + "x" + size + "x" + channels;
    if (floats > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("data.image_size: " + sizes + " are " + floats + " floats, more than one Java array holds ("
          + (Integer.MAX_VALUE - 8) + "); lower data.image_size or set " + limitKey);
    }
    if (floats * FLOAT > heap) {
      throw new IllegalArgumentException("data.image_size: " + sizes + " need " + gb(floats * FLOAT) + " of memory, more than the Java heap ("
          + gb(heap) + "); lower data.image_size, set " + limitKey + ", or raise the heap (HRVQ_JAVA_OPTS=-Xmx...)");
    }
  }

  /** Checks the training step's activations against the machine's physical memory. */
  static void checkTraining(ExperimentConfig cfg) {
    long bytes = trainingBytes(cfg);
    long physical = physicalMemory();
    if (physical > 0 && bytes > physical) {
      throw new IllegalArgumentException("data.batch_size: one training step of " + cfg.data().batchSize() + " images of "
          + cfg.data().imageSize() + "x" + cfg.data().imageSize() + " needs at least " + gb(bytes) + " for activations, more than this "
          + "machine's memory (" + gb(physical) + "); lower data.batch_size, data.image_size or model.hidden");
    }
  }

  /**
   * Lower bound of a training step's activation memory: per image, the first encoder stage
   * ({@code (s/2)^2 x hidden/2}) and three feature maps at the latent resolution
   * ({@code (s/downsample)^2 x hidden}), in the encoder and again in the decoder, each kept for the
   * backward pass and matched by a gradient of the same size.
   */
  static long trainingBytes(ExperimentConfig cfg) {
    long s = cfg.data().imageSize();
    long hidden = cfg.model().hidden();
    long latent = s / cfg.model().downsample();
    long perImage = (s / 2) * (s / 2) * (hidden / 2) + 3 * latent * latent * hidden;
    return 2 * 2 * perImage * FLOAT * cfg.data().batchSize();
  }

  private static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }

  static String gb(long bytes) {
    return String.format("%.1f GB", bytes / 1e9);
  }
}
