package dev.hrvq.experiments.bench;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.api.runtime.SessionConfig;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
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
 * measures it (m=16, n=3, D=64, 256,000 vectors in chunks of 32,000).
 */
public final class QuantizerBench {
  private QuantizerBench() {}

  /** Seconds for {@code search}, after one warm-up chunk. */
  public static double seconds(Search search, int m, int n, int dim, int vectors, int chunk, long seed) {
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(m).setLayers(n).optSearch(search).build();
    Random random = new Random(seed);
    try (Graph g = new Graph(); Session s = new Session(g, SessionConfig.get())) {
      Ops tf = Ops.create(g);
      TreeMap<String, Operand<TFloat32>> books = new TreeMap<>();
      for (int i = 1; i <= n; i++) {
        long books_i = (long) Math.pow(m, i - 1);
        float[] values = gaussian(random, (int) (books_i * m * dim), Math.pow(0.5, i - 1));
        books.put(HierarchicalQuantizer.codebookPath(i), tf.reshape(tf.constant(values), tf.constant(new long[] {books_i, m, dim})));
      }
      Placeholder<TFloat32> latents = tf.placeholder(TFloat32.class, Placeholder.shape(org.tensorflow.ndarray.Shape.of(-1, dim)));
      var out = q.apply(tf, Vars.of(Params.of(books)), latents, Mode.EVAL);
      var codes = out.codes().get(n - 1);
      float[] data = gaussian(random, chunk * dim, 1.0);
      try (TFloat32 x = Tensors.of(data, chunk, dim)) {
        run(s, latents, x, codes);
        long start = System.nanoTime();
        for (int done = 0; done < vectors; done += chunk) {
          run(s, latents, x, codes);
        }
        return (System.nanoTime() - start) / 1e9;
      }
    }
  }

  /** Both searches at the peer's settings: {@code quantize_s_256k_tree} and {@code quantize_s_256k_flat}. */
  public static Map<String, Double> peerSettings() {
    return Map.of(
        "quantize_s_256k_tree", seconds(Search.TREE, 16, 3, 64, 256_000, 32_000, 1),
        "quantize_s_256k_flat", seconds(Search.FLAT, 16, 3, 64, 256_000, 32_000, 1));
  }

  /**
   * Tree against flat search: arguments are {@code m,n[,reps[,D[,chunk]]]} (default 3 repetitions,
   * D=64, chunks of 32,000; 256,000 vectors in all); prints seconds.
   */
  public static void main(String[] args) {
    for (String a : args) {
      String[] mn = a.split(",");
      int m = Integer.parseInt(mn[0]);
      int n = Integer.parseInt(mn[1]);
      int reps = mn.length > 2 ? Integer.parseInt(mn[2]) : 3;
      int dim = mn.length > 3 ? Integer.parseInt(mn[3]) : 64;
      int chunk = mn.length > 4 ? Integer.parseInt(mn[4]) : 32_000;
      for (int rep = 0; rep < reps; rep++) {
        double tree = seconds(Search.TREE, m, n, dim, 256_000, chunk, 1);
        double flat = seconds(Search.FLAT, m, n, dim, 256_000, chunk, 1);
        System.out.printf("m=%d n=%d D=%d chunk=%d tree=%.3f flat=%.3f%n", m, n, dim, chunk, tree, flat);
      }
    }
  }

  private static void run(Session s, Placeholder<TFloat32> latents, TFloat32 x, Operand<?> codes) {
    try (Result r = s.runner().feed(latents, x).fetch(codes).run()) {
      r.get(0);
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
