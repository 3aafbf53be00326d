package dev.hrvq.experiments.prior;

import java.util.Map;

/** Draws code maps from a prior by ancestral sampling: {@link AncestralSampler} or {@link IncrementalSampler}. */
public interface CodeSampler {
  /**
   * {@code n} code maps ({@code n x H x W}, row-major), positions in raster order, each drawn from
   * the softmax (at {@code temperature}) of its logits given the positions drawn before it.
   * Random numbers are taken from {@code new Random(seed)} position by position and, within a
   * position, sample by sample: every sampler of one prior draws the same codes for one seed.
   *
   * @param labels one-hot labels ({@code n x classes}) when the prior is class-conditional, else null
   * @param uppers the code maps of upper levels this prior is conditioned on
   */
  long[] sample(int n, float[] labels, Map<String, long[]> uppers, float temperature, long seed);
}
