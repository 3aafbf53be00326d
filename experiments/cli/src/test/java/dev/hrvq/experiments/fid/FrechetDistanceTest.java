package dev.hrvq.experiments.fid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Fréchet distance against closed forms computed here without EJML: diagonal covariances
 * (element-wise square roots), commuting covariances (a shared random rotation), 2x2 covariances
 * (Tr sqrt(S1 S2) = sqrt(Tr(S1 S2) + 2 sqrt(det S1 det S2))), and the identities FID(X, X) = 0 and
 * FID(X, Y) = FID(Y, X).
 */
class FrechetDistanceTest {

  /** Samples whose sample moments are exact by construction: mu + sigma * (orthogonal +-1 columns). */
  @Test
  void samplesWithControlledMomentsGiveTheDiagonalClosedForm() {
    int n = 16;
    int d = 5;
    int[][] h = hadamard(n);
    double[] mu1 = {0.5, -1, 2, 0, 3};
    double[] mu2 = {1.5, -1, 0, 0.25, 2};
    double[] sd1 = {1, 2, 0.5, 3, 0.25};
    double[] sd2 = {2, 0.5, 0.5, 1, 4};
    float[] x = new float[n * d];
    float[] y = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        // Column j + 1 of a Sylvester Hadamard matrix: zero mean, orthogonal to the other columns.
        x[i * d + j] = (float) (mu1[j] + sd1[j] * h[i][j + 1]);
        y[i * d + j] = (float) (mu2[j] + sd2[j] * h[i][j + 1]);
      }
    }
    // The sample moments, computed here by definition (not through GaussianMoments).
    double[][] m1 = naiveMoments(x, n, d);
    double[][] m2 = naiveMoments(y, n, d);
    for (int j = 0; j < d; j++) {
      assertThat(m1[0][j]).isCloseTo(mu1[j], within(1e-6));
      assertThat(m1[1 + j][j]).isCloseTo(sd1[j] * sd1[j] * n / (n - 1), within(1e-5));
      for (int k = 0; k < d; k++) {
        if (k != j) {
          assertThat(m1[1 + j][k]).isCloseTo(0, within(1e-5));
          assertThat(m2[1 + j][k]).isCloseTo(0, within(1e-5));
        }
      }
    }
    double expected = 0;
    for (int j = 0; j < d; j++) {
      double v1 = m1[1 + j][j];
      double v2 = m2[1 + j][j];
      expected += sq(m1[0][j] - m2[0][j]) + v1 + v2 - 2 * Math.sqrt(v1 * v2);
    }
    assertThat(FrechetDistance.between(x, n, y, n, d)).isCloseTo(expected, within(1e-9 * Math.max(1, expected) + 1e-8));
  }

  /** Random 2-D Gaussian samples with full covariances: FID equals the 2x2 closed form on their sample moments. */
  @Test
  void fullCovariancesIn2dMatchTheClosedForm() {
    Random r = new Random(3);
    int n = 4000;
    float[] x = new float[2 * n];
    float[] y = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      x[2 * i] = (float) (1 + 2 * a);
      x[2 * i + 1] = (float) (-1 + a + 0.5 * b);
      double c = r.nextGaussian();
      double e = r.nextGaussian();
      y[2 * i] = (float) (0.5 * c - e);
      y[2 * i + 1] = (float) (2 + 3 * e);
    }
    double[][] m1 = naiveMoments(x, n, 2);
    double[][] m2 = naiveMoments(y, n, 2);
    double[][] s1 = {m1[1], m1[2]};
    double[][] s2 = {m2[1], m2[2]};
    double trProduct = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
    double det1 = s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0];
    double det2 = s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0];
    double traceRoot = Math.sqrt(trProduct + 2 * Math.sqrt(det1 * det2));
    double expected = sq(m1[0][0] - m2[0][0]) + sq(m1[0][1] - m2[0][1])
        + s1[0][0] + s1[1][1] + s2[0][0] + s2[1][1] - 2 * traceRoot;
    assertThat(FrechetDistance.between(x, n, y, n, 2)).isCloseTo(expected, within(1e-9 * expected));
  }

  /**
   * Known moments in 84 dimensions: S1 = Q D1 Q^T, S2 = Q D2 Q^T with a random rotation Q, so
   * Tr sqrt(S1 S2) = sum sqrt(d1 d2); and S2 = c^2 S1 gives (1 - c)^2 Tr S1.
   */
  @Test
  void knownGaussianMomentsIn84DimensionsMatchTheClosedForm() {
    int d = 84;
    Random r = new Random(7);
    double[][] q = randomRotation(d, r);
    double[] d1 = new double[d];
    double[] d2 = new double[d];
    double[] mu1 = new double[d];
    double[] mu2 = new double[d];
    double expected = 0;
    for (int j = 0; j < d; j++) {
      d1[j] = 0.01 + 4 * r.nextDouble();
      d2[j] = j % 10 == 0 ? 0 : 0.01 + 4 * r.nextDouble(); // singular S2: a PSD, not PD, covariance
      mu1[j] = r.nextGaussian();
      mu2[j] = r.nextGaussian();
      expected += sq(mu1[j] - mu2[j]) + sq(Math.sqrt(d1[j]) - Math.sqrt(d2[j]));
    }
    GaussianMoments p = GaussianMoments.of(mu1, rotate(q, d1), 1000);
    GaussianMoments g = GaussianMoments.of(mu2, rotate(q, d2), 1000);
    assertThat(FrechetDistance.between(p, g)).isCloseTo(expected, within(1e-9 * expected));

    double c = 1.7;
    double[] scaled = new double[d];
    double trace = 0;
    for (int j = 0; j < d; j++) {
      scaled[j] = c * c * d1[j];
      trace += d1[j];
    }
    GaussianMoments p2 = GaussianMoments.of(mu1, rotate(q, scaled), 1000);
    assertThat(FrechetDistance.between(p, p2)).isCloseTo(sq(1 - c) * trace, within(1e-9 * trace));
  }

  @Test
  void fidOfASetWithItselfIsZeroAndFidIsSymmetric() {
    Random r = new Random(11);
    int n = 500;
    int d = 84;
    float[] x = new float[n * d];
    float[] y = new float[n * d];
    for (int i = 0; i < n * d; i++) {
      // relu-like features: non-negative, some exactly zero, correlated through a shared term.
      x[i] = (float) Math.max(0, r.nextGaussian() + 0.3 * (i % 7));
      y[i] = (float) Math.max(0, 1.2 * r.nextGaussian() + 0.2 * (i % 5));
    }
    assertThat(FrechetDistance.between(x, n, x, n, d)).isCloseTo(0, within(1e-9));
    double xy = FrechetDistance.between(x, n, y, n, d);
    double yx = FrechetDistance.between(y, n, x, n, d);
    assertThat(xy).isGreaterThan(1);
    assertThat(xy).isCloseTo(yx, within(1e-9 * xy));
  }

  @Test
  void sampleMomentsAgreeWithTheDefinition() {
    Random r = new Random(5);
    int n = 300;
    int d = 6;
    float[] x = new float[n * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (100 + r.nextGaussian());
    }
    GaussianMoments m = GaussianMoments.of(x, n, d);
    double[][] naive = naiveMoments(x, n, d);
    for (int a = 0; a < d; a++) {
      assertThat(m.mean()[a]).isCloseTo(naive[0][a], within(1e-9));
      for (int b = 0; b < d; b++) {
        assertThat(m.covariance()[a * d + b]).isCloseTo(naive[1 + a][b], within(1e-9));
      }
    }
  }

  /** Row 0: the mean; rows 1..d: the covariance with divisor n - 1, both by their definitions. */
  static double[][] naiveMoments(float[] x, int n, int d) {
    double[][] out = new double[1 + d][d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[i * d + j];
      }
      out[0][j] = s / n;
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += (x[i * d + a] - out[0][a]) * (x[i * d + b] - out[0][b]);
        }
        out[1 + a][b] = s / (n - 1);
      }
    }
    return out;
  }

  /** Sylvester's construction; n a power of 2. */
  private static int[][] hadamard(int n) {
    int[][] h = {{1}};
    for (int size = 1; size < n; size *= 2) {
      int[][] next = new int[2 * size][2 * size];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j < size; j++) {
          next[i][j] = h[i][j];
          next[i][j + size] = h[i][j];
          next[i + size][j] = h[i][j];
          next[i + size][j + size] = -h[i][j];
        }
      }
      h = next;
    }
    return h;
  }

  /** Gram-Schmidt on a random Gaussian matrix: rows of the result are orthonormal. */
  private static double[][] randomRotation(int d, Random r) {
    double[][] q = new double[d][d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        q[i][j] = r.nextGaussian();
      }
      for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < i; k++) {
          double dot = 0;
          for (int j = 0; j < d; j++) {
            dot += q[i][j] * q[k][j];
          }
          for (int j = 0; j < d; j++) {
            q[i][j] -= dot * q[k][j];
          }
        }
      }
      double norm = 0;
      for (int j = 0; j < d; j++) {
        norm += q[i][j] * q[i][j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < d; j++) {
        q[i][j] /= norm;
      }
    }
    return q;
  }

  /** Q^T diag(values) Q, row-major (rows of q are the eigenvectors). */
  private static double[] rotate(double[][] q, double[] values) {
    int d = values.length;
    double[] out = new double[d * d];
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += q[k][a] * values[k] * q[k][b];
        }
        out[a * d + b] = s;
      }
    }
    return out;
  }

  private static double sq(double v) {
    return v * v;
  }
}
