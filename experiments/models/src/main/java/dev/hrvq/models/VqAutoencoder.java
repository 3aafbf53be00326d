package dev.hrvq.models;

import dev.hrvq.api.runtime.InputSpec;
import dev.hrvq.api.runtime.Model;
import dev.hrvq.api.runtime.Program;
import java.util.Map;
import java.util.Set;

/**
 * What every VQ autoencoder here offers, as pure descriptions the runtime compiles: a training
 * {@link Model} (input {@code x}), and programs to encode images to codes, decode codes to images
 * and reconstruct images, optionally through a subset of quantizer layers (HR-VQVAE) or levels
 * (VQ-VAE-2). {@link CompiledVq} turns them into plain Java calls.
 */
public interface VqAutoencoder {

  /** {@code hrvqvae}, {@code vqvae} or {@code vqvae2}. */
  ModelKind kind();

  /** The number format of the encoder and decoder stacks (the quantizer is always float32). */
  Precision precision();

  /** Images: {@code floats(-1, size, size, channels)}, pixel values in [0, 1]. */
  InputSpec imageSpec();

  /** The code maps {@link #encode()} returns and {@link #decode} takes, by name. */
  Map<String, InputSpec> codeSpecs();

  /** The layers (HR-VQVAE) or levels (VQ-VAE-2) that can be chosen for decoding, 1-based. */
  Set<Integer> allLayers();

  /** Number of distinct values each code map may hold. */
  Map<String, Long> codeRanges();

  /**
   * An empty code histogram for one code map: one flat layer of {@code codeRanges()} codes, unless
   * the map holds a tree's layers (HR-VQVAE overrides this).
   */
  default dev.hrvq.quantize.CodebookUsage newUsage(String codeMap) {
    return new dev.hrvq.quantize.CodebookUsage(Math.toIntExact(codeRanges().get(codeMap)), 1);
  }

  /** Training: input {@code x}; loss terms {@code recon} plus the quantizer terms and metrics. */
  Model model();

  /** {@code x} to the code maps of {@link #codeSpecs()}. */
  Program encode();

  /** Code maps to {@code x_hat}, summing only the chosen layers/levels. */
  Program decode(Set<Integer> layers);

  /**
   * {@code x} to {@code x_hat} through quantization restricted to the chosen layers/levels, and
   * to the code maps of {@link #encode()} (all layers' codes, whichever are chosen), from one pass.
   */
  Program reconstruct(Set<Integer> layers);
}
