package dev.hrvq.quantize;

import dev.hrvq.api.Initializers;

/**
 * VQ-VAE's quantizer (van den Oord et al. 2017, Eqs. 1-2): one flat codebook of {@code K}
 * codewords. It is exactly a one-layer tree with {@code m = K} (parameter
 * {@code layer1/codebook [1, K, D]}), so it is built as one: one code path, one set of tests, and
 * golden fixtures of either kind run through the same search.
 */
public final class VectorQuantizer {
  private VectorQuantizer() {}

  /** {@code K} codewords initialised uniformly on ±1/K, as the VQ-VAE reference. */
  public static HierarchicalQuantizer of(int codes) {
    return builder(codes).build();
  }

  /** A builder preset for a flat codebook, to add EMA or another initializer. */
  public static HierarchicalQuantizer.Builder builder(int codes) {
    return HierarchicalQuantizer.builder().setCodewords(codes).setLayers(1)
        .optInitializer(Initializers.uniform(-1f / codes, 1f / codes));
  }
}
