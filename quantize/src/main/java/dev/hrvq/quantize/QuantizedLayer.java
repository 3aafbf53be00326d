package dev.hrvq.quantize;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * What one quantization layer did, over the {@code N} flattened latent vectors: the local code
 * (index within the searched codebook, in {@code [0, m)}), the global code (in {@code [0, m^i)}),
 * the chosen codewords {@code e_i} {@code [N, D]} (differentiable w.r.t. the codebook), and the
 * residual {@code r_{i-1}} {@code [N, D]} the layer quantized.
 */
public record QuantizedLayer(
    Operand<TInt64> localCodes, Operand<TInt64> globalCodes, Operand<TFloat32> quantized, Operand<TFloat32> residual) {}
