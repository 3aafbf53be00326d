package dev.hrvq.experiments.bench;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The quantizer alone: seconds to quantize {@code vectors} random latents in chunks of
 * {@code chunk}, with the tree search and with the flat search over all leaves, as the PyTorch peer
 * measures it (m=16, n=3, D=64, 256,000 vectors in chunks of 32,000); and the tree search against
 * this machine's memory bandwidth ({@link #treeAgainstBandwidth}).
 */
public final class QuantizerBench {
  private QuantizerBench() {}

  /** Seconds for {@code search}, after one warm-up chunk. */
  public static double seconds(Search search, int m, int n, int dim, int vectors, int chunk, long seed) {
    try (Run run = new Run(search, m, n, dim, chunk, seed)) {
      run.chunk();
      return run.seconds(vectors);
    }
  }

  /** Both searches at the peer's settings: {@code quantize_s_256k_tree} and {@code quantize_s_256k_flat}. */
  public static Map<String, Double> peerSettings() {
    return Map.of(
        "quantize_s_256k_tree", seconds(Search.TREE, 16, 3, 64, 256_000, 32_000, 1),
        "quantize_s_256k_flat", seconds(Search.FLAT, 16, 3, 64, 256_000, 32_000, 1));
  }

  /**
   * Bytes the tree search of {@code vectors} D-dimensional latents through {@code n} layers must
   * move at least, by the count: per layer one read of the residuals, one write of the new
   * residuals and one write of the gathered codewords, {@code 3 * n * vectors * D * 4} (the
   * codebooks and the codes are small next to that).
   */
  public static double treeBytes(int n, int dim, int vectors) {
    return 3.0 * n * vectors * dim * Float.BYTES;
  }

  /**
   * The tree search (seconds for {@code vectors} latents in chunks of {@code chunk}) and the
   * memory bandwidth ({@link MemoryBandwidth}) measured in alternating rounds, so that both see the
   * same machine (on a shared machine either figure moves from minute to minute).
   */
  public static TreeAgainstBandwidth treeAgainstBandwidth(int m, int n, int dim, int vectors, int chunk, int rounds) {
    try (Run run = new Run(Search.TREE, m, n, dim, chunk, 1); MemoryBandwidth bandwidth = new MemoryBandwidth()) {
      run.chunk();
      bandwidth.gbPerSecondOnce();
      double[] seconds = new double[rounds];
      double[] gbPerSecond = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        gbPerSecond[i] = bandwidth.gbPerSecondOnce();
        seconds[i] = run.seconds(vectors);
      }
      return new TreeAgainstBandwidth(seconds, gbPerSecond, treeBytes(n, dim, vectors));
    }
  }

  /** The peer's settings (m=16, n=3, D=64, 256,000 vectors in chunks of 32,000) against the bandwidth, 5 rounds. */
  public static TreeAgainstBandwidth treeAgainstBandwidth() {
    return treeAgainstBandwidth(16, 3, 64, 256_000, 32_000, 5);
  }

  /**
   * Per-round tree-search seconds and bandwidths (GB/s); medians, and the median of the per-round
   * fractions of the bound.
   */
  public record TreeAgainstBandwidth(double[] seconds, double[] gbPerSecond, double bytes) {

    /** Median seconds of the tree search. */
    public double treeSeconds() {
      return median(seconds);
    }

    /** Median bandwidth, GB/s. */
    public double memoryGbPerSecond() {
      return median(gbPerSecond);
    }

    /** Seconds the search's bytes take at the median bandwidth: the bound. */
    public double boundSeconds() {
      return bytes / (memoryGbPerSecond() * 1e9);
    }

    /** Bound over measured time, round by round, then the median: 1 would be at the bound. */
    public double fractionOfBound() {
      double[] f = new double[seconds.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = bytes / (gbPerSecond[i] * 1e9) / seconds[i];
      }
      return median(f);
    }

    /** {@code memory_gb_per_s}, {@code quantize_tree_bound_s}, {@code quantize_tree_fraction_of_bound}. */
    public Map<String, Double> asMap() {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("memory_gb_per_s", memoryGbPerSecond());
      out.put("quantize_tree_bound_s", boundSeconds());
      out.put("quantize_tree_fraction_of_bound", fractionOfBound());
      return out;
    }
  }

  /**
   * The tree search against the bandwidth: arguments are {@code m,n[,rounds[,D[,chunk]]]} (default 5
   * rounds, D=64, chunks of 32,000; 256,000 vectors in all); prints seconds, GB/s, bound, fraction.
   */
  public static void main(String[] args) {
    for (String a : args) {
      String[] mn = a.split(",");
      int m = Integer.parseInt(mn[0]);
      int n = Integer.parseInt(mn[1]);
      int rounds = mn.length > 2 ? Integer.parseInt(mn[2]) : 5;
      int dim = mn.length > 3 ? Integer.parseInt(mn[3]) : 64;
      int chunk = mn.length > 4 ? Integer.parseInt(mn[4]) : 32_000;
      TreeAgainstBandwidth t = treeAgainstBandwidth(m, n, dim, 256_000, chunk, rounds);
      System.out.printf("m=%d n=%d D=%d chunk=%d: tree %.3f s (rounds %s), memory %.1f GB/s, bound %.3f s, fraction of bound %.2f%n",
          m, n, dim, chunk, t.treeSeconds(), Arrays.toString(round(t.seconds())), t.memoryGbPerSecond(), t.boundSeconds(),
          t.fractionOfBound());
    }
  }

  private static double[] round(double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.round(v[i] * 1000) / 1000.0;
    }
    return out;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** One quantizer graph and session with random codebooks, fed one random chunk again and again. */
  private static final class Run implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session = new Session(graph, SessionConfig.get());
    private final Placeholder<TFloat32> latents;
    private final Operand<?> codes;
    private final TFloat32 x;
    private final int chunk;

    Run(Search search, int m, int n, int dim, int chunk, long seed) {
      this.chunk = chunk;
      HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(m).setLayers(n).optSearch(search).build();
      Random random = new Random(seed);
      Ops tf = Ops.create(graph);
      TreeMap<String, Operand<TFloat32>> books = new TreeMap<>();
      for (int i = 1; i <= n; i++) {
        long booksInLayer = (long) Math.pow(m, i - 1);
        float[] values = gaussian(random, (int) (booksInLayer * m * dim), Math.pow(0.5, i - 1));
        books.put(HierarchicalQuantizer.codebookPath(i), tf.reshape(tf.constant(values), tf.constant(new long[] {booksInLayer, m, dim})));
      }
      latents = tf.placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, dim)));
      codes = q.apply(tf, Vars.of(Params.of(books)), latents, Mode.EVAL).codes().get(n - 1);
      x = Tensors.of(gaussian(random, chunk * dim, 1.0), chunk, dim);
    }

    /** Quantizes the chunk once. */
    void chunk() {
      try (Result r = session.runner().feed(latents, x).fetch(codes).run()) {
        r.get(0);
      }
    }

    /** Seconds to quantize {@code vectors} latents, a chunk at a time. */
    double seconds(int vectors) {
      long start = System.nanoTime();
      for (int done = 0; done < vectors; done += chunk) {
        chunk();
      }
      return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
      x.close();
      session.close();
      graph.close();
    }
  }

  private static float[] gaussian(Random random, int n, double scale) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (random.nextGaussian() * scale);
    }
    return out;
  }
}
