package dev.hrvq.quantize;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Cumsum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * {@link HierarchicalQuantizer}'s tree search as a graph of a fixed number of ops per layer,
 * whatever the number of codebooks: layer 1 searches its one codebook; layer {@code i > 1} puts the
 * vectors in blocks of {@code T} rows that share a codebook (the codebook their path selects) and
 * scores every block against its codebook with one {@code BatchMatMul} over all blocks.
 *
 * <p>Why blocks: each vector must be scored against a different {@code [m, D]} codebook. Gathering
 * that codebook per vector copies {@code [N, m, D]} (m times the latents); one matmul per codebook
 * costs ops (and their overhead) per codebook and a {@code DynamicPartition} of the residuals, which
 * runs on one thread. Here the residuals are copied once per layer (one gather into the block
 * layout), padding a codebook's last block with unused rows, and the scores are {@code [rows, m]}.
 *
 * <p>The block layout of layer {@code i} is built from layer {@code i-1}'s: the gather reads rows
 * of the previous layout (the vectors of one codebook sit together there, so the reads are local),
 * and the residual {@code r_{i-1} = r_{i-2} - e_{i-1}} is formed in the new layout, where every row
 * of a block has the same {@code e_{i-1}}: the codeword whose children the block searches. The
 * values are those of the quantizer's own residuals: the same float subtractions in the same order.
 *
 * <p>Scores are {@code 2 r.e - ||e||^2} (the negated {@code ||e||^2 - 2 r.e} of {@link
 * Codebooks#nearest}, exactly: doubling a codebook and negating are exact in floating point), so
 * the nearest codeword is the first maximum: {@code TopK} with {@code k = 1} returns the lowest index
 * among equal scores, as {@code ArgMin} does, and is cheaper here (a vectorised max, then a scan).
 * Integers are int32 inside (global codes are below {@link HierarchicalQuantizer#MAX_GLOBAL_CODES});
 * the codes returned are int64 like every other code.
 */
final class TreeSearch {
  private TreeSearch() {}

  /** Fewest rows in a block: smaller blocks make {@code BatchMatMul} per-block overhead dominate. */
  static final int MIN_BLOCK = 8;

  /** Most rows in a block: beyond it the padding grows and the matmuls are no faster. */
  static final int MAX_BLOCK = 256;

  /**
   * The search's result, per layer (index 0 is layer 1): the local codes (index in the searched
   * codebook, {@code [N]}) and the global codes ({@code [N]}).
   */
  record Codes(List<Operand<TInt64>> local, List<Operand<TInt64>> global) {}

  /**
   * Tree search of {@code x} {@code [N, D]} through {@code books} (layer {@code i}'s is
   * {@code [m^(i-1), m, D]}).
   */
  static Codes search(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> books, int m) {
    long dim = x.shape().get(1);
    List<Operand<TInt64>> locals = new ArrayList<>();
    List<Operand<TInt64>> globals = new ArrayList<>();
    Operand<TFloat32> flat = tf.reshape(books.get(0), tf.constant(new long[] {m, dim}));
    Operand<TInt32> path = nearest(tf, x, flat);
    locals.add(tf.dtypes.cast(path, TInt64.class));
    globals.add(locals.get(0));
    Operand<TInt32> vectors = tf.size(path, TInt32.class);
    Operand<TInt32> vectorIds = tf.range(tf.constant(0), vectors, tf.constant(1));
    // The previous layout: its rows (holding r_{i-2}) and each vector's row in it. Layer 1's is x.
    Operand<TFloat32> previousRows = x;
    Operand<TInt32> previousSlot = vectorIds;
    for (int i = 2; i <= books.size(); i++) {
      int numBooks = Math.toIntExact(HierarchicalQuantizer.pow(m, i - 1));
      Blocks blocks = Blocks.of(tf, path, numBooks, vectors, vectorIds);
      Operand<TFloat32> gathered = tf.reshape(tf.gather(previousRows, blocks.source(tf, previousSlot), tf.constant(0)),
          tf.stack(List.of(blocks.count(), blocks.rows(), tf.constant((int) dim))));
      // r_{i-1} = r_{i-2} - e_{i-1}; e_{i-1} is the codeword of the block's codebook (global code = codebook index).
      Operand<TFloat32> parents = tf.gather(flat, blocks.book(), tf.constant(0));                          // [blocks, D]
      Operand<TFloat32> residuals = tf.math.sub(gathered, tf.expandDims(parents, tf.constant(1)));        // [blocks, T, D]
      Operand<TInt32> local = tf.gather(nearestInBlocks(tf, residuals, books.get(i - 1), blocks.book()), blocks.slot(),
          tf.constant(0));
      path = tf.math.add(tf.math.mul(path, tf.constant(m)), local);
      locals.add(tf.dtypes.cast(local, TInt64.class));
      globals.add(tf.dtypes.cast(path, TInt64.class));
      flat = tf.reshape(books.get(i - 1), tf.constant(new long[] {(long) numBooks * m, dim}));
      previousRows = tf.reshape(residuals, tf.constant(new long[] {-1, dim}));
      previousSlot = blocks.slot();
    }
    return new Codes(locals, globals);
  }

  /** Index of the nearest row of {@code codebook} {@code [K, D]} to each row of {@code r} {@code [N, D]}. */
  static Operand<TInt32> nearest(Ops tf, Operand<TFloat32> r, Operand<TFloat32> codebook) {
    var twice = tf.math.mul(codebook, tf.constant(2f));
    var scores = tf.math.sub(tf.linalg.matMul(r, twice, org.tensorflow.op.linalg.MatMul.transposeB(true)), norms(tf, codebook));
    return firstMaximum(tf, scores);
  }

  /**
   * Per row of {@code residuals} {@code [blocks, T, D]}, the index of the nearest codeword of its
   * block's codebook ({@code books [B, m, D]}, {@code book [blocks]}), flattened to {@code [blocks*T]}.
   */
  static Operand<TInt32> nearestInBlocks(Ops tf, Operand<TFloat32> residuals, Operand<TFloat32> books, Operand<TInt32> book) {
    // [B, D, m]: the matmul's right-hand side as stored, so no transpose per block.
    var twice = tf.linalg.transpose(tf.math.mul(books, tf.constant(2f)), tf.constant(new int[] {0, 2, 1}));
    var dots = tf.train.batchMatMul(residuals, tf.gather(twice, book, tf.constant(0)), TFloat32.class);   // [blocks, T, m]
    var norms = tf.expandDims(tf.gather(norms(tf, books), book, tf.constant(0)), tf.constant(1));         // [blocks, 1, m]
    return tf.reshape(firstMaximum(tf, tf.math.sub(dots, norms)), tf.constant(new int[] {-1}));
  }

  /** {@code ||e||^2} over the last axis. */
  private static Operand<TFloat32> norms(Ops tf, Operand<TFloat32> codewords) {
    int last = codewords.shape().numDimensions() - 1;
    return tf.sum(tf.math.square(codewords), tf.constant(last));
  }

  /** Index of the first maximum over the last axis, without that axis. */
  private static Operand<TInt32> firstMaximum(Ops tf, Operand<TFloat32> scores) {
    var top = tf.nn.topK(scores, tf.constant(1), TInt32.class).indices();
    return tf.squeeze(top, org.tensorflow.op.core.Squeeze.axis(List.of((long) scores.shape().numDimensions() - 1)));
  }

  /**
   * The block layout of one layer: vector {@code v} (of codebook {@code book[v]}) goes to row
   * {@code slot[v]} of {@code count} blocks of {@code rows} rows; block {@code j} holds vectors of
   * codebook {@code book[j]} only; codebooks no vector selects have no block; rows no vector
   * occupies (the end of a codebook's last block) are scored like the others and never read back.
   */
  record Blocks(Operand<TInt32> slot, Operand<TInt32> count, Operand<TInt32> rows, Operand<TInt32> book) {

    /**
     * Layout for vectors whose codebooks (of {@code numBooks}) are {@code path} {@code [N]}: blocks
     * of about half a codebook's mean share of the vectors, between {@link #MIN_BLOCK} and {@link
     * #MAX_BLOCK} rows, so that padding stays near a quarter of the rows.
     */
    static Blocks of(Ops tf, Operand<TInt32> path, int numBooks, Operand<TInt32> vectors, Operand<TInt32> vectorIds) {
      Operand<TInt32> rows = tf.math.maximum(tf.constant(MIN_BLOCK),
          tf.math.minimum(tf.constant(MAX_BLOCK), tf.math.floorDiv(vectors, tf.constant(2 * numBooks))));
      // Each vector's position once the vectors are sorted (stably) by codebook.
      var byBook = tf.dynamicPartition(vectorIds, path, (long) numBooks).outputs();
      Operand<TInt32> position = tf.math.invertPermutation(tf.concat(new ArrayList<Operand<TInt32>>(byBook), tf.constant(0)));
      var perBook = tf.math.unsortedSegmentSum(tf.onesLike(path), path, tf.constant(numBooks));
      var blocksPerBook = tf.math.floorDiv(tf.math.add(perBook, tf.math.sub(rows, tf.constant(1))), rows);
      var blockEnd = tf.math.cumsum(blocksPerBook, tf.constant(0));
      Operand<TInt32> count = tf.reshape(tf.slice(blockEnd, tf.constant(new int[] {numBooks - 1}), tf.constant(new int[] {1})),
          tf.constant(new int[0]));
      // slot = (first row of the codebook's first block) + (rank among the codebook's vectors)
      //      = position + shift[book]; shift = firstBlock * rows - (vectors of the codebooks before).
      var before = tf.math.cumsum(perBook, tf.constant(0), Cumsum.exclusive(true));
      var shift = tf.math.sub(tf.math.mul(tf.math.sub(blockEnd, blocksPerBook), rows), before);
      Operand<TInt32> slot = tf.math.add(position, tf.gather(shift, path, tf.constant(0)));
      // Block j belongs to the first codebook whose blocks end after j.
      Operand<TInt32> book = tf.reshape(tf.upperBound(tf.expandDims(blockEnd, tf.constant(0)),
          tf.expandDims(tf.range(tf.constant(0), count, tf.constant(1)), tf.constant(0)), TInt32.class), tf.constant(new int[] {-1}));
      return new Blocks(slot, count, rows, book);
    }

    /**
     * For every row of the layout, the row of the previous layout to copy (vector {@code v} sits at
     * {@code previousSlot[v]} there); unoccupied rows copy row 0, which is never read back.
     */
    Operand<TInt32> source(Ops tf, Operand<TInt32> previousSlot) {
      // Each slot receives at most one vector, so a segment sum is a scatter.
      return tf.math.unsortedSegmentSum(previousSlot, slot, tf.math.mul(count, rows));
    }
  }
}
