package dev.hrvq.quantize;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The health of one codebook layer over an evaluation pass, from its code histogram: how many codes
 * exist, the fraction used at least once, the dead ones, and the perplexity {@code exp(-sum p ln p)}
 * (the effective number of codes: {@code codeCount} when usage is uniform, 1 when one code takes
 * everything, 0 when nothing was assigned). The one host-side summary of codebook usage: logs,
 * summaries, {@code eval} and the usage pictures all read it.
 *
 * @param codes the code map it belongs to ({@code codes}, {@code codes0}, ...)
 * @param layer 1-based layer of the tree (1 for a flat codebook or a VQ-VAE-2 level)
 */
public record LayerHealth(String codes, int layer, long codeCount, double usage, int deadCodes, double perplexity, long assigned,
    long[] counts) {

  /** The health of a histogram; an empty codebook or a negative count is an error. */
  public static LayerHealth of(String codes, int layer, long[] counts) {
    if (counts == null || counts.length == 0) {
      throw new IllegalArgumentException("code usage: need at least one code");
    }
    long total = 0;
    int dead = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0) {
        throw new IllegalArgumentException("code usage: count of code " + i + " is negative: " + counts[i]);
      }
      total += counts[i];
      if (counts[i] == 0) {
        dead++;
      }
    }
    double entropy = 0;
    for (long c : counts) {
      if (c > 0) {
        double p = (double) c / total;
        entropy -= p * Math.log(p);
      }
    }
    return new LayerHealth(codes, layer, counts.length, 1.0 - (double) dead / counts.length, dead,
        total == 0 ? 0 : Math.exp(entropy), total, counts.clone());
  }

  /** Codes used at least once. */
  public long used() {
    return codeCount - deadCodes;
  }

  /** As written to metrics.jsonl, summary.json and eval.json: code map, layer, size, usage, dead, perplexity. */
  public Map<String, Object> figures() {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("codes", codes);
    f.put("layer", layer);
    f.put("size", codeCount);
    f.put("usage", usage);
    f.put("dead", deadCodes);
    f.put("perplexity", perplexity);
    return f;
  }

  /** E.g. {@code 14/16 codes used, perplexity 11.3}. */
  public String describe() {
    if (assigned == 0) {
      return String.format(Locale.ROOT, "0/%d codes used, nothing assigned", codeCount);
    }
    return String.format(Locale.ROOT, "%d/%d codes used, perplexity %.1f", used(), codeCount, perplexity);
  }
}
