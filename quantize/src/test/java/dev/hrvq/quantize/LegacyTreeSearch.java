package dev.hrvq.quantize;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The tree search as it was before {@link TreeSearch} (kept as a reference for tests): layer 1 by
 * {@link Codebooks#nearest}; each deeper layer either groups the vectors by codebook
 * ({@code DynamicPartition}, one matmul per codebook, {@code DynamicStitch} back) or gathers each
 * vector's codebook ({@code [N, m, D]}) and scores it with one batched matmul; the residual is
 * {@code r - e} in vector order. Its codes are what the quantizer must still produce.
 */
final class LegacyTreeSearch {
  private LegacyTreeSearch() {}

  /** How the layers below the first search. */
  enum Path {
    PARTITION,
    GATHER
  }

  /** Global codes of every layer for {@code x} {@code [N, D]}; {@code books.get(i)} is {@code [m^i, m, D]}. */
  static List<Operand<TInt64>> globalCodes(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> books, int m, Path path) {
    long dim = x.shape().get(1);
    List<Operand<TInt64>> codes = new ArrayList<>();
    Operand<TFloat32> r = x;
    Operand<TInt64> global = null;
    for (int i = 1; i <= books.size(); i++) {
      long numBooks = HierarchicalQuantizer.pow(m, i - 1);
      Operand<TFloat32> flat = tf.reshape(books.get(i - 1), tf.constant(new long[] {numBooks * m, dim}));
      if (i == 1) {
        global = Codebooks.nearest(tf, r, flat);
      } else {
        Operand<TInt64> local = path == Path.PARTITION
            ? nearestInBookPartitioned(tf, r, books.get(i - 1), global, numBooks)
            : nearestInBook(tf, r, books.get(i - 1), global);
        global = tf.math.add(tf.math.mul(global, tf.constant((long) m)), local);
      }
      codes.add(global);
      r = tf.math.sub(r, tf.gather(flat, global, tf.constant(0)));
    }
    return codes;
  }

  /** Gathers each vector's codebook ({@code [N, m, D]}) and scores it with one batched matmul. */
  static Operand<TInt64> nearestInBook(Ops tf, Operand<TFloat32> r, Operand<TFloat32> books, Operand<TInt64> path) {
    var gathered = tf.gather(books, path, tf.constant(0));                     // [N, m, D]
    var norms = tf.gather(tf.sum(tf.math.square(books), tf.constant(2)), path, tf.constant(0)); // [N, m]
    var dots = tf.squeeze(tf.train.batchMatMul(gathered, tf.expandDims(r, tf.constant(2)), TFloat32.class),
        org.tensorflow.op.core.Squeeze.axis(List.of(2L)));                      // [N, m]
    var scores = tf.math.sub(norms, tf.math.mul(tf.constant(2f), dots));
    return tf.math.argMin(scores, tf.constant(1), TInt64.class);
  }

  /** Groups the vectors by codebook: one {@code [n_g, D] x [D, m]} matmul per codebook. */
  static Operand<TInt64> nearestInBookPartitioned(Ops tf, Operand<TFloat32> r, Operand<TFloat32> books,
      Operand<TInt64> path, long numBooks) {
    Operand<TInt32> part = tf.dtypes.cast(path, TInt32.class);
    var groups = tf.dynamicPartition(r, part, numBooks).outputs();
    var positions = tf.dynamicPartition(
        tf.range(tf.constant(0), tf.size(part, TInt32.class), tf.constant(1)), part, numBooks).outputs();
    var norms = tf.unstack(tf.sum(tf.math.square(books), tf.constant(2)), numBooks).output();   // B x [m]
    var codebooks = tf.unstack(books, numBooks).output();                                        // B x [m, D]
    List<Operand<TInt32>> indices = new ArrayList<>();
    List<Operand<TInt64>> locals = new ArrayList<>();
    for (int g = 0; g < numBooks; g++) {
      var dots = tf.linalg.matMul(groups.get(g), codebooks.get(g), org.tensorflow.op.linalg.MatMul.transposeB(true));
      var scores = tf.math.sub(norms.get(g), tf.math.mul(tf.constant(2f), dots));             // [n_g, m]
      locals.add(tf.math.argMin(scores, tf.constant(1), TInt64.class));
      indices.add(positions.get(g));
    }
    return tf.dynamicStitch(indices, locals);
  }
}
