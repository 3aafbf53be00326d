package dev.hrvq.quantize;

/**
 * EMA codebook updates (van den Oord et al. 2017, appendix; as in Sonnet): codebooks become state,
 * moved towards the mean of the vectors assigned to each codeword instead of by gradients.
 *
 * @param decay weight of the old statistics, e.g. 0.99
 * @param epsilon Laplace smoothing of the counts (applied per codebook in the tree), e.g. 1e-5
 */
public record EmaOptions(float decay, float epsilon) {
  public EmaOptions {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("EMA epsilon must be positive, got " + epsilon);
    }
  }
}
