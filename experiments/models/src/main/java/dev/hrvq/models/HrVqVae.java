package dev.hrvq.models;

import dev.hrvq.losses.Terms;
import dev.hrvq.losses.VqObjectives;
import dev.hrvq.quantize.HierarchicalQuantizer;
import dev.hrvq.quantize.QuantizeOut;
import dev.hrvq.quantize.QuantizedLayer;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.op.Ops;

/**
 * HR-VQVAE (Adiban et al. 2022): the reference encoder, a tree of codebooks with {@code n} layers
 * of {@code m} codewords, the reference decoder, trained with the paper's objective (Eqs. 5-6):
 * reconstruction + combined terms (weight beta0) + one pair of terms per layer (weight beta_i).
 */
public final class HrVqVae extends SingleScaleVq {
  private final float beta0;
  private final float[] betas;

  /**
   * @param betas one commitment weight per layer
   */
  public HrVqVae(Architecture arch, HierarchicalQuantizer quantizer, float beta0, float[] betas) {
    this(arch, quantizer, beta0, betas, Precision.FP32);
  }

  /**
   * @param betas one commitment weight per layer
   * @param precision of the encoder and decoder stacks
   */
  public HrVqVae(Architecture arch, HierarchicalQuantizer quantizer, float beta0, float[] betas, Precision precision) {
    super(arch, quantizer, precision);
    if (betas.length != quantizer.layers()) {
      throw new IllegalArgumentException("need one beta per layer: " + quantizer.layers() + " layers, " + betas.length + " betas");
    }
    this.beta0 = beta0;
    this.betas = betas.clone();
  }

  /** The paper's MNIST model: m=4, n=3, D=8, hidden 64, all betas 0.25. */
  public static HrVqVae mnist() {
    return new HrVqVae(Architecture.mnist(), HierarchicalQuantizer.builder().setCodewords(4).setLayers(3).build(), 0.25f,
        new float[] {0.25f, 0.25f, 0.25f});
  }

  /** The one code map holds every layer of the tree. */
  @Override
  public dev.hrvq.quantize.CodebookUsage newUsage(String codeMap) {
    return dev.hrvq.quantize.CodebookUsage.of(quantizer);
  }

  @Override
  public ModelKind kind() {
    return ModelKind.HRVQVAE;
  }

  @Override
  Terms objective(Ops tf, QuantizeOut q) {
    List<QuantizedLayer> layers = q.layers();
    return VqObjectives.hrvqvae(tf, q.latents(), q.combined(),
        layers.stream().map(QuantizedLayer::residual).toList(), layers.stream().map(QuantizedLayer::quantized).toList(), beta0, betas);
  }

  @Override
  public String toString() {
    return "HrVqVae(m=" + quantizer.codewords() + ", n=" + quantizer.layers() + ", betas=" + beta0 + "/" + Arrays.toString(betas) + ")";
  }
}
