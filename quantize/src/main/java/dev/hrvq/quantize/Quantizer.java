package dev.hrvq.quantize;

import dev.hrvq.api.Init;
import dev.hrvq.api.Mode;
import dev.hrvq.api.Vars;
import java.util.Set;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The contract of every quantizer: declare codebooks for a latent shape, quantize latents (last
 * axis = D), and map codes back to latents. Like a layer, it holds no variables.
 */
public interface Quantizer {

  /** Codebook specs (params, or state when updated by EMA) for latents of {@code latentShape}. */
  Init init(Shape latentShape);

  /** Quantizes {@code latents} {@code [..., D]}. */
  QuantizeOut apply(Ops tf, Vars vars, Operand<TFloat32> latents, Mode mode);

  /** Number of layers (1 for a flat quantizer). */
  int layers();

  /** Number of distinct global codes of layer {@code i} (1-based). */
  long codesInLayer(int layer);

  /**
   * Latents from last-layer global codes ({@code [...]} of int64 in {@code [0, codesInLayer(n))}),
   * summing the codewords of the chosen layers (1-based) only: all layers for a full
   * reconstruction, a subset for the paper's Fig. 1.
   */
  Operand<TFloat32> decode(Ops tf, Vars vars, Operand<TInt64> codes, Set<Integer> layers);

  /** Throws naming the first code outside {@code [0, codesInLayer(layers()))}. */
  default void checkCodes(long[] codes) {
    checkRange("last-layer codes (layer " + layers() + ")", codes, codesInLayer(layers()));
  }

  /** Throws naming {@code what}, the position and the value of the first code outside {@code [0, limit)}. */
  static void checkRange(String what, long[] codes, long limit) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] < 0 || codes[i] >= limit) {
        throw new IllegalArgumentException(what + ": code " + codes[i] + " at position " + i + " is out of range [0, " + limit + ")");
      }
    }
  }
}
