package dev.hrvq.experiments.data;

import java.util.Random;

/**
 * Generated images of filled rectangles and ellipses on a black background, for tests and smoke
 * runs: no install, any size, grayscale or RGB, and the same pixels for the same seed.
 *
 * <p>Each image holds 1 to 4 shapes; its label is the number of shapes minus one (0..3), so a
 * classifier smoke test has something learnable. Later shapes paint over earlier ones.
 */
public record SyntheticImages(int count, int size, int channels, long seed) {

  /** Rejects shapes that cannot hold a shape or are not grayscale/RGB. */
  public SyntheticImages {
    if (count < 0 || size < 4) {
      throw new IllegalArgumentException("synthetic: need count >= 0 and size >= 4, got count "
          + count + ", size " + size);
    }
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("synthetic: channels must be 1 or 3, got " + channels);
    }
  }

  /** The default for {@code DataSets.load("synthetic", split)}: 32x32 RGB, 2,048 train / 512 test. */
  public static SyntheticImages forSplit(Split split) {
    return split == Split.TRAIN
        ? new SyntheticImages(2048, 32, 3, 1)
        // A different seed, so the test images are not the training images.
        : new SyntheticImages(512, 32, 3, 2);
  }

  /** Draws the images. */
  public Dataset generate(String name) {
    int per = size * size * channels;
    float[] pixels = new float[count * per];
    int[] labels = new int[count];
    Random random = new Random(seed);
    float[] colour = new float[channels];
    for (int i = 0; i < count; i++) {
      int shapes = 1 + random.nextInt(4);
      labels[i] = shapes - 1;
      for (int s = 0; s < shapes; s++) {
        boolean ellipse = random.nextBoolean();
        // Corners anywhere, at least 2 pixels across, so every shape is visible.
        int x0 = random.nextInt(size - 2);
        int y0 = random.nextInt(size - 2);
        int x1 = x0 + 2 + random.nextInt(size - x0 - 1);
        int y1 = y0 + 2 + random.nextInt(size - y0 - 1);
        for (int ch = 0; ch < channels; ch++) {
          // 0.2..1.0, so a shape never vanishes into the black background.
          colour[ch] = 0.2f + 0.8f * random.nextFloat();
        }
        fill(pixels, i * per, x0, y0, Math.min(x1, size), Math.min(y1, size), ellipse, colour);
      }
    }
    return new Dataset(name, pixels, count, size, size, channels, labels);
  }

  private void fill(float[] pixels, int base, int x0, int y0, int x1, int y1, boolean ellipse,
      float[] colour) {
    double cx = (x0 + x1 - 1) / 2.0;
    double cy = (y0 + y1 - 1) / 2.0;
    double rx = (x1 - x0) / 2.0;
    double ry = (y1 - y0) / 2.0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if (ellipse) {
          double dx = (x - cx) / rx;
          double dy = (y - cy) / ry;
          if (dx * dx + dy * dy > 1.0) {
            continue;
          }
        }
        System.arraycopy(colour, 0, pixels, base + (y * size + x) * channels, channels);
      }
    }
  }
}
