package dev.hrvq.models;

import java.util.Random;

/**
 * Test images for the model tests: filled rectangles on black, drawn by seed (the library has no
 * data sets; the application's synthetic data set is richer).
 */
final class SyntheticImages {
  private SyntheticImages() {}

  /** {@code n} grayscale {@code size x size} images of one to three rectangles, values in [0, 1]. */
  static float[] rectangles(int n, int size, long seed) {
    float[] pixels = new float[n * size * size];
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      for (int s = 1 + r.nextInt(3); s > 0; s--) {
        int x0 = r.nextInt(size - 2);
        int y0 = r.nextInt(size - 2);
        int x1 = x0 + 2 + r.nextInt(size - x0 - 1);
        int y1 = y0 + 2 + r.nextInt(size - y0 - 1);
        float v = 0.2f + 0.8f * r.nextFloat();
        for (int y = y0; y < Math.min(y1, size); y++) {
          for (int x = x0; x < Math.min(x1, size); x++) {
            pixels[(i * size + y) * size + x] = v;
          }
        }
      }
    }
    return pixels;
  }
}
