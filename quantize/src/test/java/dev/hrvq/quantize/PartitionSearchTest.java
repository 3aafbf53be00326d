package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The tree search's two implementations (vectors grouped by codebook with dynamicPartition, or each
 * vector's codebook gathered) give identical codes, both equal to the brute-force reference.
 */
class PartitionSearchTest {

  private static HierarchicalQuantizer quantizer(int m, int n, int partitionMaxBooks) {
    return HierarchicalQuantizer.builder().setCodewords(m).setLayers(n).optPartitionMaxBooks(partitionMaxBooks).build();
  }

  /** Every layer's global codes and e_C, from latents of {@code shape} (last axis D). */
  private static List<long[]> codes(HierarchicalQuantizer q, TreeSearchTest.Case c, int m, int dim, boolean unknownBatch,
      long... shape) {
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(c.books(), m, dim)));
      Operand<TFloat32> latents = t.constant(c.x(), shape);
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

  private static void compare(int m, int n, int dim, int count, long seed, boolean unknownBatch, long... shape) {
    TreeSearchTest.Case c = TreeSearchTest.randomCase(seed, m, n, dim, count, false);
    List<long[]> partition = codes(quantizer(m, n, Integer.MAX_VALUE), c, m, dim, unknownBatch, shape);
    List<long[]> gather = codes(quantizer(m, n, 0), c, m, dim, unknownBatch, shape);
    for (int i = 0; i < n; i++) {
      String layer = "m=" + m + ", n=" + n + ", D=" + dim + ", layer " + (i + 1);
      assertThat(partition.get(i)).as(layer + " partition vs gather").containsExactly(gather.get(i));
      assertThat(partition.get(i)).as(layer + " partition vs reference").containsExactly(c.ref().global()[i]);
      assertThat(partition.get(n + i)).as(layer + " local codes").containsExactly(gather.get(n + i));
    }
  }

  @ParameterizedTest(name = "m={0}, n={1}, D={2}, N={3}, seed={4}")
  @CsvSource({"2,3,4,100,1", "4,3,8,200,2", "3,4,5,150,3", "16,2,6,300,4", "5,3,7,500,5"})
  void partitionAndGatherGiveIdenticalCodes(int m, int n, int dim, int count, long seed) {
    compare(m, n, dim, count, seed, false, count, dim);
  }

  @Test
  void codebooksThatNoVectorSelectsAreFine() {
    // Layer 3 has 64 codebooks and only 10 vectors: at least 54 partitions are empty.
    compare(8, 3, 4, 10, 11, false, 10, 4);
    // A single vector: every codebook but one is empty in every layer.
    compare(4, 3, 3, 1, 12, false, 1, 3);
  }

  @Test
  void exactTiesGoToTheLowestIndexOnBothPaths() {
    for (int threshold : new int[] {0, Integer.MAX_VALUE}) {
      HierarchicalQuantizer q = quantizer(TiesTest.M, 2, threshold);
      try (TfRun t = new TfRun()) {
        Vars vars = Vars.of(Params.of(t.codebooks(new float[][] {TiesTest.LAYER1, TiesTest.LAYER2}, TiesTest.M, TiesTest.D)));
        QuantizeOut out = q.apply(t.tf, vars, t.constant(TiesTest.LATENTS, 3, TiesTest.D), Mode.EVAL);
        TfRun.Fetched f = t.run(out.layers().get(1).localCodes(), out.codes().get(1));
        assertThat(f.longs(0)[2]).as("threshold %d: layer 2 local code", threshold).isEqualTo(1);
        assertThat(f.longs(1)[2]).as("threshold %d: layer 2 global code", threshold).isEqualTo(TiesTest.M + 1);
      }
    }
  }

  @Test
  void theDefaultRuleChoosesByNumberAndSizeOfCodebooks() {
    HierarchicalQuantizer narrow = HierarchicalQuantizer.builder().setCodewords(4).setLayers(6).build();
    long d = HierarchicalQuantizer.PARTITION_MIN_DIM;
    assertThat(narrow.partitioned(HierarchicalQuantizer.PARTITION_MAX_BOOKS, d)).isTrue();
    assertThat(narrow.partitioned(HierarchicalQuantizer.PARTITION_MAX_BOOKS + 1, d)).isFalse();
    assertThat(narrow.partitioned(16, d - 1)).as("small D gathers").isFalse();
    HierarchicalQuantizer wide = HierarchicalQuantizer.builder().setCodewords(HierarchicalQuantizer.WIDE_CODEBOOK).setLayers(5).build();
    assertThat(wide.partitioned(HierarchicalQuantizer.PARTITION_MAX_BOOKS_WIDE, d)).isTrue();
    assertThat(wide.partitioned(HierarchicalQuantizer.PARTITION_MAX_BOOKS_WIDE + 1, d)).isFalse();
    assertThat(quantizer(16, 3, 0).partitioned(1, 64)).isFalse();
    assertThat(quantizer(16, 3, Integer.MAX_VALUE).partitioned(1 << 20, 1)).isTrue();
  }

  @Test
  void unknownBatchSizeAtTraceTime() {
    compare(4, 3, 6, 64, 13, true, 64, 6);
  }

  @Test
  void fourDimensionalLatents() {
    compare(3, 3, 5, 2 * 3 * 4, 14, false, 2, 3, 4, 5);
    compare(4, 2, 5, 2 * 3 * 4, 15, true, 2, 3, 4, 5);
  }
}
