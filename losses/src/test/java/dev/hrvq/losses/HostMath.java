package dev.hrvq.losses;

import java.util.Random;

/** Host-side references for the loss tests: random inputs and a double-precision mean squared error. */
final class HostMath {
  private HostMath() {}

  static float[] gaussian(Random random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  static double mse(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      s += d * d;
    }
    return s / a.length;
  }
}
