package dev.hrvq.experiments.fid;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Kernel distance between two sets of feature vectors (the "KID" of Bińkowski et al. 2018): the
 * unbiased estimate of the squared maximum mean discrepancy with the polynomial kernel
 * {@code k(x, y) = (x.y / d + 1)^3}, averaged over random subsets of both sets.
 *
 * <p>Each of {@code subsets} rounds draws {@code m = min(subsetSize, n1, n2)} vectors from each set
 * without replacement (seeded) and computes
 *
 * <pre>
 *   MMD^2 = sum_{i != j} k(x_i, x_j) / (m (m-1)) + sum_{i != j} k(y_i, y_j) / (m (m-1))
 *           - 2 sum_{i, j} k(x_i, y_j) / m^2
 * </pre>
 *
 * <p>The result is the mean over rounds and their standard deviation (population, divisor
 * {@code subsets}, as torch-fidelity reports it). Unbiased: it can be slightly negative when the
 * two sets come from one distribution.
 */
public final class KernelInceptionDistance {
  /** Rounds and vectors per round used when none are given (the common choice is 100 x 1000). */
  public static final int DEFAULT_SUBSETS = 10;
  public static final int DEFAULT_SUBSET_SIZE = 1000;

  private KernelInceptionDistance() {}

  /** The mean MMD^2 over the rounds and its standard deviation across them. */
  public record Estimate(double mean, double std, int subsets, int subsetSize) {}

  /** With {@link #DEFAULT_SUBSETS} rounds of up to {@link #DEFAULT_SUBSET_SIZE} vectors. */
  public static Estimate between(float[] a, int n1, float[] b, int n2, int d, long seed) {
    return between(a, n1, b, n2, d, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, seed);
  }

  public static Estimate between(float[] a, int n1, float[] b, int n2, int d, int subsets, int subsetSize, long seed) {
    check(a, n1, d, "first");
    check(b, n2, d, "second");
    if (subsets < 1 || subsetSize < 2) {
      throw new IllegalArgumentException("need at least 1 subset of at least 2 vectors, got " + subsets + " x " + subsetSize);
    }
    int m = Math.min(subsetSize, Math.min(n1, n2));
    if (m < 2) {
      throw new IllegalArgumentException("KID needs at least 2 vectors in each set, got " + n1 + " and " + n2);
    }
    Random random = new Random(seed);
    double[] values = new double[subsets];
    for (int s = 0; s < subsets; s++) {
      DMatrixRMaj x = sample(a, n1, d, m, random);
      DMatrixRMaj y = sample(b, n2, d, m, random);
      values[s] = mmd2(x, y, d);
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= subsets;
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean);
    }
    return new Estimate(mean, Math.sqrt(var / subsets), subsets, m);
  }

  /** The unbiased MMD^2 between the rows of x and of y (each m x d). */
  static double mmd2(DMatrixRMaj x, DMatrixRMaj y, int d) {
    int m = x.numRows;
    double xx = offDiagonalKernelSum(x, x, d);
    double yy = offDiagonalKernelSum(y, y, d);
    double xy = kernelSum(x, y, d, false);
    return (xx + yy) / ((double) m * (m - 1)) - 2 * xy / ((double) m * m);
  }

  private static double offDiagonalKernelSum(DMatrixRMaj x, DMatrixRMaj y, int d) {
    return kernelSum(x, y, d, true);
  }

  private static double kernelSum(DMatrixRMaj x, DMatrixRMaj y, int d, boolean skipDiagonal) {
    DMatrixRMaj gram = new DMatrixRMaj(x.numRows, y.numRows);
    CommonOps_DDRM.multTransB(x, y, gram);
    double sum = 0;
    int cols = y.numRows;
    double[] g = gram.data;
    for (int i = 0; i < x.numRows; i++) {
      for (int j = 0; j < cols; j++) {
        if (skipDiagonal && i == j) {
          continue;
        }
        double k = g[i * cols + j] / d + 1;
        sum += k * k * k;
      }
    }
    return sum;
  }

  /** m distinct rows drawn at random (partial Fisher-Yates), as a double matrix. */
  private static DMatrixRMaj sample(float[] features, int n, int d, int m, Random random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    DMatrixRMaj out = new DMatrixRMaj(m, d);
    for (int k = 0; k < m; k++) {
      int j = k + random.nextInt(n - k);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
      int row = order[k];
      for (int c = 0; c < d; c++) {
        out.data[k * d + c] = features[row * d + c];
      }
    }
    return out;
  }

  private static void check(float[] f, int n, int d, String which) {
    if (d <= 0 || n < 0 || (long) n * d != f.length) {
      throw new IllegalArgumentException("the " + which + " set: " + n + " vectors of " + d + " need " + (long) n * d
          + " floats, got " + f.length);
    }
  }
}
