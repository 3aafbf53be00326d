package dev.hrvq.losses;

import static dev.hrvq.losses.Losses.mse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The quantization parts of the VQ objectives. Stop-gradients decide which side learns from each
 * term: {@code codebook} terms move only codewords, {@code commitment} terms only the encoder.
 * The reconstruction term is {@link Losses#mse} of image and reconstruction, added by the model.
 */
public final class VqObjectives {
  private VqObjectives() {}

  /**
   * VQ-VAE, Eq. 2 without reconstruction: {@code codebook = ||sg(z) - e||^2},
   * {@code commitment = beta * ||z - sg(e)||^2}.
   */
  public static Terms vqvae(Ops tf, Operand<TFloat32> z, Operand<TFloat32> e, float beta) {
    Map<String, Operand<TFloat32>> t = new LinkedHashMap<>();
    t.put("codebook", mse(tf, tf.stopGradient(z), e));
    t.put("commitment", tf.math.mul(tf.constant(beta), mse(tf, z, tf.stopGradient(e))));
    return new Terms(t);
  }

  /**
   * HR-VQVAE, Eqs. 5-6 without reconstruction:
   * <pre>
   * combined_codebook   = ||sg(xi0) - e_C||^2        combined_commitment = beta0  * ||xi0 - sg(e_C)||^2
   * layer<i>_codebook   = ||sg(r_{i-1}) - e_i||^2    layer<i>_commitment = beta_i * ||r_{i-1} - sg(e_i)||^2
   * </pre>
   * In value the pairs are {@code (1+beta) * mse}; their gradients go to different sides.
   *
   * @param residuals {@code r_{i-1}}, the vectors layer {@code i} quantized ({@code r_0 = xi0})
   * @param quantized {@code e_i}, the codewords layer {@code i} chose
   */
  public static Terms hrvqvae(Ops tf, Operand<TFloat32> xi0, Operand<TFloat32> eC,
      List<Operand<TFloat32>> residuals, List<Operand<TFloat32>> quantized, float beta0, float[] betas) {
    if (residuals.size() != quantized.size() || betas.length != quantized.size()) {
      throw new IllegalArgumentException("need one residual, one codeword set and one beta per layer; got "
          + residuals.size() + ", " + quantized.size() + " and " + betas.length);
    }
    Map<String, Operand<TFloat32>> t = new LinkedHashMap<>();
    t.put("combined_codebook", mse(tf, tf.stopGradient(xi0), eC));
    t.put("combined_commitment", tf.math.mul(tf.constant(beta0), mse(tf, xi0, tf.stopGradient(eC))));
    for (int i = 0; i < quantized.size(); i++) {
      Operand<TFloat32> r = residuals.get(i);
      Operand<TFloat32> e = quantized.get(i);
      t.put("layer" + (i + 1) + "_codebook", mse(tf, tf.stopGradient(r), e));
      t.put("layer" + (i + 1) + "_commitment", tf.math.mul(tf.constant(betas[i]), mse(tf, r, tf.stopGradient(e))));
    }
    return new Terms(t);
  }
}
