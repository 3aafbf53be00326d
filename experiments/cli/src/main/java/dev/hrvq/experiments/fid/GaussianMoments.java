package dev.hrvq.experiments.fid;

import java.util.Arrays;

/**
 * The mean and covariance of a set of feature vectors, in double precision: what the Fréchet
 * distance compares. The covariance is the unbiased sample covariance (divisor {@code n - 1}, as
 * NumPy's {@code np.cov} and the reference FID implementations use), row-major {@code d x d}.
 */
public record GaussianMoments(int d, long n, double[] mean, double[] covariance) {

  public GaussianMoments {
    if (d <= 0 || mean.length != d || covariance.length != (long) d * d) {
      throw new IllegalArgumentException("moments of dimension " + d + " need a mean of " + d + " and a covariance of "
          + (long) d * d + " values, got " + mean.length + " and " + covariance.length);
    }
  }

  /**
   * The moments of {@code n} vectors of {@code d} floats stored row-major in {@code features}.
   * Sums run in double precision over centred values (two passes), so large means cost no accuracy.
   */
  public static GaussianMoments of(float[] features, int n, int d) {
    if (d <= 0 || n < 2) {
      throw new IllegalArgumentException("need at least 2 feature vectors of dimension >= 1, got n=" + n + ", d=" + d);
    }
    if ((long) n * d != features.length) {
      throw new IllegalArgumentException(n + " vectors of " + d + " need " + (long) n * d + " floats, got " + features.length);
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += features[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] cov = new double[d * d];
    double[] centred = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[j] = features[i * d + j] - mean[j];
      }
      // Upper triangle only; mirrored below.
      for (int a = 0; a < d; a++) {
        double ca = centred[a];
        if (ca == 0) {
          continue;
        }
        int row = a * d;
        for (int b = a; b < d; b++) {
          cov[row + b] += ca * centred[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        double v = cov[a * d + b] / (n - 1);
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    return new GaussianMoments(d, n, mean, cov);
  }

  /** Given moments (e.g. of a known Gaussian); {@code n} only for reporting. */
  public static GaussianMoments of(double[] mean, double[] covariance, long n) {
    return new GaussianMoments(mean.length, n, mean.clone(), covariance.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GaussianMoments m && d == m.d && n == m.n && Arrays.equals(mean, m.mean)
        && Arrays.equals(covariance, m.covariance);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(covariance);
  }

  @Override
  public String toString() {
    return "GaussianMoments[d=" + d + ", n=" + n + "]";
  }
}
