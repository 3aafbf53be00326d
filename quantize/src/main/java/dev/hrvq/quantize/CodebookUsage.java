package dev.hrvq.quantize;

/**
 * Codebook health accumulated over a whole evaluation pass (not one batch), per layer of a tree
 * with {@code m} codewords per codebook and {@code n} layers: how often each global code was
 * picked, the fraction of codes used at least once, dead codes, and perplexity. Layer {@code i}'s
 * codes follow from the last layer's ({@code code / m^(n-i)}), so only those are fed.
 */
public final class CodebookUsage {
  private final int m;
  private final int n;
  private final long[][] counts;
  private long vectors;

  public CodebookUsage(int m, int n) {
    this.m = m;
    this.n = n;
    this.counts = new long[n][];
    for (int i = 1; i <= n; i++) {
      counts[i - 1] = new long[Math.toIntExact(HierarchicalQuantizer.pow(m, i))];
    }
  }

  public static CodebookUsage of(HierarchicalQuantizer q) {
    return new CodebookUsage(q.codewords(), q.layers());
  }

  /** Counts one batch of last-layer global codes. */
  public void add(long[] lastLayerCodes) {
    Quantizer.checkRange("last-layer codes", lastLayerCodes, counts[n - 1].length);
    for (long code : lastLayerCodes) {
      for (int i = n; i >= 1; i--) {
        counts[i - 1][(int) (code / HierarchicalQuantizer.pow(m, n - i))]++;
      }
    }
    vectors += lastLayerCodes.length;
  }

  /** How many vectors picked each global code of layer {@code i} (1-based). */
  public long[] counts(int layer) {
    return counts[layer - 1].clone();
  }

  /** The health of layer {@code layer} (1-based) of code map {@code codes} over everything added. */
  public LayerHealth health(String codes, int layer) {
    return LayerHealth.of(codes, layer, counts[layer - 1]);
  }

  /** Fraction of layer {@code i}'s codes picked at least once. */
  public double usage(int layer) {
    return health("", layer).usage();
  }

  /** Number of layer {@code i}'s codes never picked. */
  public int deadCodes(int layer) {
    return health("", layer).deadCodes();
  }

  /** {@code exp(-sum p ln p)} of layer {@code i}'s code histogram. */
  public double perplexity(int layer) {
    return health("", layer).perplexity();
  }

  public long vectors() {
    return vectors;
  }

  public int layers() {
    return n;
  }
}
