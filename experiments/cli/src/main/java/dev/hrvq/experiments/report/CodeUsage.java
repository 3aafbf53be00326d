package dev.hrvq.experiments.report;

import java.util.Locale;

/**
 * How a codebook was used: codes used at least once, codebook size, assignments, and perplexity
 * {@code exp(-sum p log p)} of the usage distribution (the effective number of codes; equals
 * {@code size} when usage is uniform, 1 when one code takes everything).
 */
public record CodeUsage(int used, int size, long total, double perplexity) {

  /** Summarises per-code assignment counts; rejects an empty codebook and negative counts. */
  public static CodeUsage of(long[] counts) {
    if (counts == null || counts.length == 0) {
      throw new IllegalArgumentException("code usage: need at least one code");
    }
    int used = 0;
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("code usage: count of code " + i + " is negative: "
            + counts[i]);
      }
      if (counts[i] > 0) {
        used++;
        total += counts[i];
      }
    }
    double entropy = 0;
    for (long count : counts) {
      if (count > 0) {
        double p = (double) count / total;
        entropy -= p * Math.log(p);
      }
    }
    // Nothing assigned: no distribution, so perplexity 0 rather than a misleading 1.
    return new CodeUsage(used, counts.length, total, total == 0 ? 0 : Math.exp(entropy));
  }

  /** E.g. {@code 14/16 codes used, perplexity 11.3}. */
  public String describe() {
    if (total == 0) {
      return String.format(Locale.ROOT, "0/%d codes used, nothing assigned", size);
    }
    return String.format(Locale.ROOT, "%d/%d codes used, perplexity %.1f", used, size, perplexity);
  }
}
