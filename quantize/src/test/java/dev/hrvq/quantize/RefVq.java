package dev.hrvq.quantize;

import java.util.Random;

/**
 * An independent double-precision reference of the tree of codebooks (ARCHITECTURE.md section 2),
 * written from the math by brute force: explicit squared distances, explicit loops, no shared code
 * with the quantizer. Codebooks of layer {@code i} are row-major {@code [m^(i-1), m, D]}, i.e. the
 * codeword with global code {@code g} is at {@code g*D .. g*D+D-1}.
 */
final class RefVq {
  private RefVq() {}

  /**
   * Everything one quantization did, per layer {@code i} (0-based here): local and global codes
   * {@code [N]}, codewords {@code e_i} and the residual {@code r_{i-1}} the layer quantized
   * ({@code [N*D]}), plus {@code e_C}. {@code minGap} is the smallest relative gap between the best
   * and second-best distance over every search made (to reject near-ties); {@code vectorGap[v]}
   * is that smallest gap over vector {@code v}'s own searches (to skip only the near-tied vectors).
   */
  record Quantized(long[][] local, long[][] global, double[][] e, double[][] residual, double[] eC, double minGap,
      double[] vectorGap) {}

  /** Tree search (each vector searches only the codebook its path selects), or flat search over all m^i codewords. */
  static Quantized quantize(float[] x, int dim, int m, float[][] books, boolean flat) {
    int n = books.length;
    int count = x.length / dim;
    long[][] local = new long[n][count];
    long[][] global = new long[n][count];
    double[][] e = new double[n][count * dim];
    double[][] res = new double[n][count * dim];
    double[] eC = new double[count * dim];
    double minGap = Double.POSITIVE_INFINITY;
    double[] vectorGap = new double[count];
    java.util.Arrays.fill(vectorGap, Double.POSITIVE_INFINITY);
    for (int v = 0; v < count; v++) {
      double[] r = new double[dim];
      for (int d = 0; d < dim; d++) {
        r[d] = x[v * dim + d];
      }
      long path = 0;
      for (int i = 0; i < n; i++) {
        long first = flat ? 0 : path * m;
        long candidates = flat ? (long) Math.pow(m, i + 1) : m;
        long best = -1;
        double bestDist = Double.POSITIVE_INFINITY;
        double secondDist = Double.POSITIVE_INFINITY;
        double scale = 0;
        for (int d = 0; d < dim; d++) {
          scale += r[d] * r[d];
        }
        double maxNorm = 0;
        for (long g = first; g < first + candidates; g++) {
          double dist = 0;
          double norm = 0;
          for (int d = 0; d < dim; d++) {
            double c = books[i][(int) (g * dim + d)];
            dist += (r[d] - c) * (r[d] - c);
            norm += c * c;
          }
          maxNorm = Math.max(maxNorm, norm);
          if (dist < bestDist) { // strict: ties keep the lower index
            secondDist = bestDist;
            bestDist = dist;
            best = g;
          } else if (dist < secondDist) {
            secondDist = dist;
          }
        }
        if (candidates > 1) {
          vectorGap[v] = Math.min(vectorGap[v], (secondDist - bestDist) / (scale + maxNorm));
          minGap = Math.min(minGap, vectorGap[v]);
        }
        global[i][v] = best;
        local[i][v] = best % m;
        path = best;
        for (int d = 0; d < dim; d++) {
          double c = books[i][(int) (best * dim + d)];
          res[i][v * dim + d] = r[d];
          e[i][v * dim + d] = c;
          eC[v * dim + d] += c;
          r[d] -= c;
        }
      }
    }
    return new Quantized(local, global, e, res, eC, minGap, vectorGap);
  }

  /** Gaussian floats with standard deviation {@code scale}. */
  static float[] gaussian(Random random, int size, double scale) {
    float[] out = new float[size];
    for (int i = 0; i < size; i++) {
      out[i] = (float) (random.nextGaussian() * scale);
    }
    return out;
  }

  /** Codebooks for {@code n} layers of {@code m} codewords, layer i (1-based) with scale 2^-(i-1). */
  static float[][] codebooks(Random random, int m, int n, int dim) {
    float[][] books = new float[n][];
    for (int i = 0; i < n; i++) {
      books[i] = gaussian(random, (int) Math.pow(m, i + 1) * dim, Math.pow(2, -i));
    }
    return books;
  }

  /** Mean of squared differences. */
  static double mse(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return s / a.length;
  }

  static double[] toDouble(float[] values) {
    return TfRun.toDouble(values);
  }

  /** Codes per global code, {@code k} bins. */
  static double[] histogram(long[] codes, long k) {
    double[] h = new double[(int) k];
    for (long c : codes) {
      h[(int) c]++;
    }
    return h;
  }
}
