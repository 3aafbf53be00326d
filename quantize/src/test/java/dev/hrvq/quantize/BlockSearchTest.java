package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The tree search in blocks ({@link TreeSearch}): its codes against the double-precision brute
 * force and against the search it replaced ({@link LegacyTreeSearch}), and its block layout.
 */
class BlockSearchTest {

  /** Vectors whose best and second-best distance are closer than this (relative) are not compared. */
  static final double MIN_GAP = 1e-5;

  private static HierarchicalQuantizer quantizer(int m, int n) {
    return HierarchicalQuantizer.builder().setCodewords(m).setLayers(n).build();
  }

  /** Every layer's global codes, then every layer's local codes, from latents of {@code shape} (last axis D). */
  private static List<long[]> codes(HierarchicalQuantizer q, float[] x, float[][] books, int m, int dim, boolean unknownBatch,
      long... shape) {
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(books, m, dim)));
      Operand<TFloat32> latents = t.constant(x, shape);
      if (unknownBatch) {
        long[] open = shape.clone();
        open[0] = -1;
        latents = t.tf.placeholderWithDefault(latents, Shape.of(open));
        assertThat(latents.shape().hasUnknownDimension()).isTrue();
      }
      QuantizeOut out = q.apply(t.tf, vars, latents, Mode.TRAIN);
      List<Operand<?>> fetches = new ArrayList<>(out.codes());
      out.layers().forEach(l -> fetches.add(l.localCodes()));
      TfRun.Fetched f = t.run(fetches.toArray(new Operand<?>[0]));
      List<long[]> result = new ArrayList<>();
      for (int i = 0; i < fetches.size(); i++) {
        result.add(f.longs(i));
        if (i < q.layers()) {
          assertThat(f.shape(i)).as("codes shape").containsExactly(Arrays.copyOf(shape, shape.length - 1));
        }
      }
      return result;
    }
  }

  /**
   * Random latents and codebooks (layer i at scale 2^-(i-1)); every vector not near a tie gets the
   * reference's codes in every layer, and at least 99% of them are compared.
   */
  private static void compareWithReference(int m, int n, int dim, int count, long seed, boolean unknownBatch, long... shape) {
    Random random = new Random(seed);
    float[] x = RefVq.gaussian(random, count * dim, 1.0);
    float[][] books = RefVq.codebooks(random, m, n, dim);
    RefVq.Quantized ref = RefVq.quantize(x, dim, m, books, false);
    List<long[]> got = codes(quantizer(m, n), x, books, m, dim, unknownBatch, shape);
    int compared = 0;
    for (int v = 0; v < count; v++) {
      if (ref.vectorGap()[v] < MIN_GAP) {
        continue;
      }
      compared++;
      for (int i = 0; i < n; i++) {
        String where = "m=" + m + ", n=" + n + ", D=" + dim + ", N=" + count + ", layer " + (i + 1) + ", vector " + v;
        assertThat(got.get(i)[v]).as(where + " global code").isEqualTo(ref.global()[i][v]);
        assertThat(got.get(n + i)[v]).as(where + " local code").isEqualTo(ref.local()[i][v]);
      }
    }
    assertThat(compared).as("vectors far from ties").isGreaterThanOrEqualTo((int) Math.ceil(0.99 * count));
  }

  @ParameterizedTest(name = "m={0}, n={1}, D={2}, N={3}, seed={4}")
  @CsvSource({
      "2,3,4,100,1",       // few vectors: every block is a single padded one
      "4,3,8,200,2",
      "3,4,5,150,3",       // sizes that are no powers of two
      "16,2,6,300,4",
      "5,3,7,500,5",
      "8,1,4,300,6",       // one layer: no blocks at all
      "3,2,5,3000,7",      // 1000 vectors per codebook: several 256-row blocks per codebook
      "16,3,64,4000,8",    // the bench's tree at a smaller batch
      "2,9,3,2000,9",      // deep: 256 codebooks in the last layer, a few vectors each
      "7,3,33,1234,10"})
  void blockSearchGivesTheCodesOfTheBruteForceSearchInEachVectorsCodebook(int m, int n, int dim, int count, long seed) {
    compareWithReference(m, n, dim, count, seed, false, count, dim);
  }

  @Test
  void codebooksThatNoVectorSelectsAreFine() {
    // Layer 3 has 64 codebooks and only 10 vectors: at least 54 have no block.
    compareWithReference(8, 3, 4, 10, 11, false, 10, 4);
    // A single vector: every codebook but one is empty in every layer.
    compareWithReference(4, 3, 3, 1, 12, false, 1, 3);
  }

  @Test
  void unknownBatchSizeAtTraceTime() {
    compareWithReference(4, 3, 6, 640, 13, true, 640, 6);
  }

  @Test
  void fourDimensionalLatents() {
    compareWithReference(3, 3, 5, 2 * 3 * 4, 14, false, 2, 3, 4, 5);
    compareWithReference(4, 2, 5, 2 * 3 * 4, 15, true, 2, 3, 4, 5);
  }

  @Test
  void anEmptyBatchGivesNoCodes() {
    List<long[]> got = codes(quantizer(4, 3), new float[0], RefVq.codebooks(new Random(16), 4, 3, 5), 4, 5, true, 0, 5);
    assertThat(got).hasSize(6).allSatisfy(c -> assertThat(c).isEmpty());
  }

  @Test
  void exactTiesGoToTheLowestIndex() {
    HierarchicalQuantizer q = quantizer(TiesTest.M, 2);
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(new float[][] {TiesTest.LAYER1, TiesTest.LAYER2}, TiesTest.M, TiesTest.D)));
      QuantizeOut out = q.apply(t.tf, vars, t.constant(TiesTest.LATENTS, 3, TiesTest.D), Mode.EVAL);
      TfRun.Fetched f = t.run(out.layers().get(0).localCodes(), out.layers().get(1).localCodes(), out.codes().get(1));
      assertThat(f.longs(0)).as("layer 1: codeword 1 beats its duplicate 3").containsExactly(1, 1, 1);
      assertThat(f.longs(1)[2]).as("layer 2 local code").isEqualTo(1);
      assertThat(f.longs(2)[2]).as("layer 2 global code").isEqualTo(TiesTest.M + 1);
    }
  }

  /**
   * At the bench's settings (m=16, n=3, D=64, a chunk of 32,000 vectors, codebooks at scale
   * 2^-(i-1) like {@code QuantizerBench}), every code equals what both earlier searches give.
   */
  @Test
  void sameCodesAsTheSearchItReplacedAtTheBenchSettings() {
    int m = 16;
    int n = 3;
    int dim = 64;
    int count = 32_000;
    Random random = new Random(1);
    float[][] books = new float[n][];
    for (int i = 0; i < n; i++) {
      books[i] = RefVq.gaussian(random, (int) Math.pow(m, i + 1) * dim, Math.pow(0.5, i));
    }
    float[] x = RefVq.gaussian(random, count * dim, 1.0);
    List<long[]> blocks = codes(quantizer(m, n), x, books, m, dim, true, count, dim);
    for (LegacyTreeSearch.Path path : LegacyTreeSearch.Path.values()) {
      try (TfRun t = new TfRun()) {
        List<Operand<TFloat32>> b = new ArrayList<>(t.codebooks(books, m, dim).values());
        TfRun.Fetched f = t.run(LegacyTreeSearch.globalCodes(t.tf, t.constant(x, count, dim), b, m, path));
        for (int i = 0; i < n; i++) {
          assertThat(blocks.get(i)).as("%s path, layer %d", path, i + 1).containsExactly(f.longs(i));
        }
      }
    }
  }

  /**
   * The layout for given codebook choices: every vector has its own row, inside a block of its own
   * codebook; blocks are of the size rule's rows; codebooks nobody chose have no block.
   */
  @ParameterizedTest(name = "{0} codebooks, {1} vectors, seed {2}")
  @CsvSource({"4,1,1", "4,7,2", "3,3000,3", "256,2000,4", "16,32000,5", "1000,50,6"})
  void everyVectorGetsItsOwnRowInABlockOfItsCodebook(int numBooks, int count, long seed) {
    Random random = new Random(seed);
    long[] path = new long[count];
    for (int v = 0; v < count; v++) {
      // Skewed: a few popular codebooks, many rare or unused ones.
      path[v] = (long) (numBooks * Math.pow(random.nextDouble(), 3));
    }
    try (TfRun t = new TfRun()) {
      Operand<TInt32> p = t.tf.dtypes.cast(t.tf.placeholderWithDefault(t.constant(path, count), Shape.of(-1)), TInt32.class);
      Operand<TInt32> vectors = t.tf.size(p, TInt32.class);
      TreeSearch.Blocks b = TreeSearch.Blocks.of(t.tf, p, numBooks, vectors, t.tf.range(t.tf.constant(0), vectors, t.tf.constant(1)));
      TfRun.Fetched f = t.run(int64(t, b.slot()), int64(t, b.count()), int64(t, b.rows()), int64(t, b.book()));
      long[] slot = f.longs(0);
      long blocks = f.longs(1)[0];
      long rows = f.longs(2)[0];
      long[] book = f.longs(3);
      assertThat(rows).as("rows per block").isEqualTo(Math.max(TreeSearch.MIN_BLOCK, Math.min(TreeSearch.MAX_BLOCK, count / (2 * numBooks))));
      long[] perBook = new long[numBooks];
      for (long c : path) {
        perBook[(int) c]++;
      }
      long expectedBlocks = 0;
      for (long c : perBook) {
        expectedBlocks += (c + rows - 1) / rows;
      }
      assertThat(blocks).as("blocks").isEqualTo(expectedBlocks);
      assertThat(book).as("codebook per block").hasSize((int) blocks).isSorted();
      Set<Long> used = new HashSet<>();
      for (int v = 0; v < count; v++) {
        assertThat(slot[v]).as("slot of vector %d", v).isBetween(0L, blocks * rows - 1);
        assertThat(used.add(slot[v])).as("slot %d taken twice", slot[v]).isTrue();
        assertThat(book[(int) (slot[v] / rows)]).as("codebook of vector %d's block", v).isEqualTo(path[v]);
      }
      // Padding only at the end of a codebook's last block: each codebook's rows start a fresh block.
      for (int j = 1; j < blocks; j++) {
        if (book[j] != book[j - 1]) {
          long first = j * rows;
          assertThat(used).as("block %d (a new codebook) starts with a vector", j).contains(first);
        }
      }
    }
  }

  private static Operand<TInt64> int64(TfRun t, Operand<TInt32> x) {
    return t.tf.dtypes.cast(x, TInt64.class);
  }
}
