package dev.hrvq.models;

/**
 * The convolutional sizes shared by the models: images {@code imageSize x imageSize x channels},
 * the reference encoder/decoder with {@code hidden} channels and {@code residualUnits} inside the
 * residual blocks, latents of dimension {@code dim} at {@code imageSize / downsample}.
 */
public record Architecture(int imageSize, int channels, int hidden, int residualUnits, int dim, int downsample) {
  public Architecture {
    positive("imageSize", imageSize);
    positive("channels", channels);
    positive("hidden", hidden);
    positive("residualUnits", residualUnits);
    positive("dim", dim);
    if (downsample != 2 && downsample != 4) {
      throw new IllegalArgumentException("downsample must be 2 or 4, got " + downsample);
    }
    if (imageSize % downsample != 0) {
      throw new IllegalArgumentException("imageSize " + imageSize + " is not divisible by downsample " + downsample);
    }
    if (hidden % 2 != 0) {
      throw new IllegalArgumentException("hidden must be even (the first stage has hidden/2 channels), got " + hidden);
    }
  }

  /** The paper's MNIST sizes (Table 6): 32x32x1 images, hidden 64, residual 64, D=8, latent 16x16. */
  public static Architecture mnist() {
    return new Architecture(32, 1, 64, 64, 8, 2);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
