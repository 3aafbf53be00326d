package dev.hrvq.models;

/** Test images for the model tests: the project's synthetic data set, grayscale, drawn by seed. */
final class SyntheticImages {
  private SyntheticImages() {}

  /** {@code n} grayscale {@code size x size} images of rectangles and ellipses, values in [0, 1]. */
  static float[] rectangles(int n, int size, long seed) {
    return new dev.hrvq.experiments.data.SyntheticImages(n, size, 1, seed).generate("test").images();
  }
}
