package dev.hrvq.models;

import java.util.Random;

/** Grayscale rectangles on black, for model tests that need structure without a data set. */
final class SyntheticImages {
  private SyntheticImages() {}

  static float[] rectangles(int n, int size, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n * size * size];
    for (int i = 0; i < n; i++) {
      for (int s = 0, shapes = 1 + r.nextInt(3); s < shapes; s++) {
        int x0 = r.nextInt(size - 3);
        int y0 = r.nextInt(size - 3);
        int w = 2 + r.nextInt(size - x0 - 1);
        int h = 2 + r.nextInt(size - y0 - 1);
        float v = 0.3f + 0.7f * r.nextFloat();
        for (int y = y0; y < Math.min(size, y0 + h); y++) {
          for (int x = x0; x < Math.min(size, x0 + w); x++) {
            out[(i * size + y) * size + x] = v;
          }
        }
      }
    }
    return out;
  }
}
