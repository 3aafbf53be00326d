package dev.hrvq.quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The host-side codebook options, as pure functions on arrays (the runner fetches latents and
 * assigns the results): data-dependent initialisation from encoder outputs, and restarting dead
 * codes. Both act per codebook in the tree: a codeword is only ever set from vectors that search
 * its codebook, i.e. whose previous picks lead to its parent.
 */
public final class CodebookSurgery {
  private CodebookSurgery() {}

  /**
   * Codebooks for every layer from {@code count} latent vectors ({@code [count, dim]} row-major):
   * layer 1 takes {@code m} random latents; layer {@code i} fills each codebook with random
   * residuals of the vectors routed to it (random residuals of the layer where too few are).
   *
   * @return per layer, {@code [m^(i-1), m, dim]} row-major
   */
  public static float[][] initFromLatents(float[] latents, int dim, int m, int n, long seed) {
    int count = latents.length / dim;
    Random random = new Random(seed);
    float[] r = latents.clone();
    int[] path = new int[count];
    float[][] books = new float[n][];
    for (int layer = 1; layer <= n; layer++) {
      int parents = (int) HierarchicalQuantizer.pow(m, layer - 1);
      List<List<Integer>> routed = routedTo(path, parents);
      float[] book = new float[parents * m * dim];
      for (int b = 0; b < parents; b++) {
        for (int k = 0; k < m; k++) {
          int v = pick(routed.get(b), count, random);
          System.arraycopy(r, v * dim, book, (b * m + k) * dim, dim);
        }
      }
      books[layer - 1] = book;
      descend(r, path, book, dim, m);
    }
    return books;
  }

  /**
   * Restarts the dead codes of one layer: each code with a zero count is set to the residual of a
   * random vector routed to its codebook (any vector of the layer if none was).
   *
   * @param book the layer's codebook {@code [m^(i-1), m, dim]} row-major, updated in place
   * @param counts how often each global code of the layer was picked over a pass
   * @param residuals the vectors the layer quantized ({@code r_{i-1}}), {@code [count, dim]}
   * @param parents each vector's codebook (the previous layer's global code; 0 for layer 1)
   * @return how many codes were restarted
   */
  public static int restartDead(float[] book, long[] counts, int m, float[] residuals, long[] parents, int dim, long seed) {
    Random random = new Random(seed);
    int books = counts.length / m;
    int[] path = new int[parents.length];
    for (int i = 0; i < parents.length; i++) {
      path[i] = Math.toIntExact(parents[i]);
    }
    List<List<Integer>> routed = routedTo(path, books);
    int restarted = 0;
    for (int code = 0; code < counts.length; code++) {
      if (counts[code] == 0) {
        int v = pick(routed.get(code / m), parents.length, random);
        System.arraycopy(residuals, v * dim, book, code * dim, dim);
        restarted++;
      }
    }
    return restarted;
  }

  private static List<List<Integer>> routedTo(int[] path, int books) {
    List<List<Integer>> routed = new ArrayList<>();
    for (int b = 0; b < books; b++) {
      routed.add(new ArrayList<>());
    }
    for (int v = 0; v < path.length; v++) {
      routed.get(path[v]).add(v);
    }
    return routed;
  }

  private static int pick(List<Integer> candidates, int count, Random random) {
    return candidates.isEmpty() ? random.nextInt(count) : candidates.get(random.nextInt(candidates.size()));
  }

  /** One tree-search step on the host: nearest codeword in each vector's codebook, then residual. */
  private static void descend(float[] r, int[] path, float[] book, int dim, int m) {
    for (int v = 0; v < path.length; v++) {
      int best = 0;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int k = 0; k < m; k++) {
        int offset = (path[v] * m + k) * dim;
        double d = 0;
        for (int j = 0; j < dim; j++) {
          double diff = r[v * dim + j] - book[offset + j];
          d += diff * diff;
        }
        if (d < bestDistance) {
          bestDistance = d;
          best = k;
        }
      }
      int offset = (path[v] * m + best) * dim;
      for (int j = 0; j < dim; j++) {
        r[v * dim + j] -= book[offset + j];
      }
      path[v] = path[v] * m + best;
    }
  }
}
