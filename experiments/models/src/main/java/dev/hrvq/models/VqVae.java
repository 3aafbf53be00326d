package dev.hrvq.models;

import dev.hrvq.losses.Terms;
import dev.hrvq.losses.VqObjectives;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.QuantizeOut;
import dev.hrvq.quantize.VectorQuantizer;
import org.tensorflow.op.Ops;

/**
 * VQ-VAE (van den Oord et al. 2017): the reference encoder, one flat codebook of {@code K}
 * codewords, the reference decoder, trained with Eq. 2 (reconstruction + codebook + beta *
 * commitment).
 */
public final class VqVae extends SingleScaleVq {
  private final float beta;

  public VqVae(Architecture arch, HierarchicalQuantizer flatQuantizer, float beta) {
    this(arch, flatQuantizer, beta, Precision.FP32);
  }

  /** @param precision of the encoder and decoder stacks */
  public VqVae(Architecture arch, HierarchicalQuantizer flatQuantizer, float beta, Precision precision) {
    super(arch, requireFlat(flatQuantizer), precision);
    this.beta = beta;
  }

  public VqVae(Architecture arch, int codes, float beta) {
    this(arch, VectorQuantizer.of(codes), beta);
  }

  private static HierarchicalQuantizer requireFlat(HierarchicalQuantizer q) {
    if (q.layers() != 1) {
      throw new IllegalArgumentException("VQ-VAE has one flat codebook; got a quantizer with " + q.layers() + " layers");
    }
    return q;
  }

  @Override
  public ModelKind kind() {
    return ModelKind.VQVAE;
  }

  @Override
  Terms objective(Ops tf, QuantizeOut q) {
    return VqObjectives.vqvae(tf, q.latents(), q.combined(), beta);
  }
}
