package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.Mode;
import dev.hrvq.api.Params;
import dev.hrvq.api.Vars;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import org.junit.jupiter.api.Test;

/** Exact ties (a codeword duplicated inside one codebook) go to the lowest index, in every layer. */
class TiesTest {
  static final int M = 4;
  static final int D = 3;

  /** Layer 1 [1, 4, 3]: codeword 3 duplicates codeword 1. */
  static final float[] LAYER1 = {
      5, 0, 0,
      0, 5, 0,
      0, 0, 5,
      0, 5, 0};

  /**
   * Layer 2 [4, 4, 3]: in codebook 1 (the one below layer-1 codeword 1), codeword 2 duplicates
   * codeword 1; the same vector is also codeword 2 of codebook 0 (global 2) and codeword 0 of
   * codebook 3 (global 12), which the tree never searches from codebook 1 but flat search does.
   */
  static final float[] LAYER2 = {
      1, 0, 0, -1, 0, 0, 0, 0, 1, 0, -1, 0,   // book 0: global 0..3
      1, 0, 0, 0, 0, 1, 0, 0, 1, -1, 0, 0,    // book 1: global 4..7
      2, 0, 0, 0, 2, 0, 0, 0, 2, 2, 2, 2,     // book 2: global 8..11
      0, 0, 1, 3, 0, 0, 0, 3, 0, 0, 0, 3};    // book 3: global 12..15

  static final float[] LATENTS = {
      0, 5, 0,         // exactly the duplicated layer-1 codeword
      0.1f, 4.9f, 0.2f, // near it
      0, 5, 1};        // layer 1 -> codeword 1, residual (0, 0, 1): exactly the duplicated layer-2 codeword

  private static long[][] codes(Search search) {
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(M).setLayers(2).optSearch(search).build();
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(new float[][] {LAYER1, LAYER2}, M, D)));
      QuantizeOut out = q.apply(t.tf, vars, t.constant(LATENTS, 3, D), Mode.EVAL);
      TfRun.Fetched f = t.run(out.layers().get(0).localCodes(), out.layers().get(1).localCodes(), out.codes().get(1));
      return new long[][] {f.longs(0), f.longs(1), f.longs(2)};
    }
  }

  @Test
  void treeTiesGoToTheLowestIndexInLayerOneAndInADeeperLayer() {
    long[][] c = codes(Search.TREE);
    assertThat(c[0]).as("layer 1 local codes: 1 beats its duplicate 3").containsExactly(1, 1, 1);
    assertThat(c[1][2]).as("layer 2 local code: 1 beats its duplicate 2").isEqualTo(1);
    assertThat(c[2][2]).as("layer 2 global code").isEqualTo(1 * M + 1);
  }

  @Test
  void flatTiesGoToTheLowestGlobalIndex() {
    long[][] c = codes(Search.FLAT);
    assertThat(c[0]).containsExactly(1, 1, 1);
    // Residual (0, 0, 1) equals global codes 2, 5, 6 and 12: the lowest wins.
    assertThat(c[2][2]).isEqualTo(2);
    assertThat(c[1][2]).as("local = global mod m").isEqualTo(2);
  }

  @Test
  void aCodebookOfIdenticalCodewordsAlwaysGivesCodeZero() {
    float[] same = new float[3 * 3 * D];
    java.util.Arrays.fill(same, 0.25f);
    float[] latents = RefVq.gaussian(new java.util.Random(5), 7 * D, 1.0);
    HierarchicalQuantizer q = HierarchicalQuantizer.builder().setCodewords(3).setLayers(2).build();
    float[] layer1 = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    RefVq.Quantized ref = RefVq.quantize(latents, D, 3, new float[][] {layer1, same}, false);
    try (TfRun t = new TfRun()) {
      Vars vars = Vars.of(Params.of(t.codebooks(new float[][] {layer1, same}, 3, D)));
      QuantizeOut out = q.apply(t.tf, vars, t.constant(latents, 7, D), Mode.EVAL);
      TfRun.Fetched f = t.run(out.layers().get(1).localCodes(), out.codes().get(1));
      assertThat(f.longs(0)).containsOnly(0L);
      long[] expected = new long[7];
      for (int v = 0; v < 7; v++) {
        expected[v] = ref.global()[0][v] * 3;
      }
      assertThat(f.longs(1)).containsExactly(expected);
    }
  }
}
