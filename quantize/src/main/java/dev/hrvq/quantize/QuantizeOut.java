package dev.hrvq.quantize;

import dev.hrvq.api.runtime.BatchSums;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The one result every quantizer returns.
 *
 * @param codes global codes per layer, shaped like the latents without the last axis
 * @param quantized the straight-through output {@code xi0 + sg(e_C - xi0)}, shaped like the latents:
 *     its value is {@code e_C}, its gradient goes to the encoder
 * @param combined {@code e_C = sum_i e_i} as {@code [N, D]}, differentiable w.r.t. the codebooks
 * @param latents {@code xi0} as {@code [N, D]}
 * @param layers per-layer details, for the objective and for metrics
 * @param statistics the batch's code histograms (and, training with EMA, the sums of the residuals
 *     assigned to each code), from which follow the per-batch perplexity and usage of each layer
 *     ({@code perplexity_l<i>}, {@code usage_l<i>}) and the new EMA state
 */
public record QuantizeOut(
    List<Operand<TInt64>> codes,
    Operand<TFloat32> quantized,
    Operand<TFloat32> combined,
    Operand<TFloat32> latents,
    List<QuantizedLayer> layers,
    BatchSums statistics) {}
