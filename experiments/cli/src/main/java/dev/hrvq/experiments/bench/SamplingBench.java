package dev.hrvq.experiments.bench;

import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.prior.AncestralSampler;
import dev.hrvq.experiments.prior.IncrementalSampler;
import dev.hrvq.models.PixelCnnPrior;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ancestral sampling from a prior of the quickstart's sizes (a 16x16 map of 64 codes, hidden 32,
 * 5 blocks, kernel 5, embedding 16; random weights: speed does not depend on what they learned),
 * by full passes ({@link AncestralSampler}) and incrementally ({@link IncrementalSampler}), in
 * alternating rounds in one process so that both see the same machine.
 */
public final class SamplingBench {
  private SamplingBench() {}

  /** The quickstart prior's sizes (experiment-configs/prior-quickstart.json). */
  public static PixelCnnPrior quickstartPrior() {
    return new PixelCnnPrior(16, 16, 64, 0, List.of(), new PixelCnnPrior.Sizes(32, 5, 5, 0, 0f, 16));
  }

  /**
   * {@code sample_s_per_1000_full} and {@code sample_s_per_1000_incremental} (the median round of
   * {@code rounds}, each drawing {@code n} maps in one batch, scaled to 1000 samples),
   * {@code sample_speedup_incremental} (the median of the rounds' ratios), {@code sample_n}, and
   * {@code sample_codes_identical} (whether every round drew the same codes both ways), after one
   * warm-up round of a few samples. Each round's seconds go to {@code log}.
   */
  public static Map<String, Object> run(int n, int rounds, PrintStream log) {
    return run(n, rounds, 0, log);
  }

  /**
   * As {@link #run(int, int, PrintStream)}, and with {@code large > 0} also
   * {@code sample_s_per_1000_incremental_batch_<large>}: {@code large} maps drawn incrementally in one batch.
   */
  public static Map<String, Object> run(int n, int rounds, int large, PrintStream log) {
    PixelCnnPrior prior = quickstartPrior();
    try (Trainer t = Trainer.builder().setModel(prior.model()).optSeed(1).build()) {
      CompiledFunction logits = t.function("logits", prior.inputs(), prior.logits(), false);
      AncestralSampler full = new AncestralSampler(logits, prior, prior.height(), prior.width());
      IncrementalSampler incremental = IncrementalSampler.compile(t, prior, Math.max(n, 1));
      full.sample(2, null, Map.of(), 1f, 0);
      incremental.sample(2, null, Map.of(), 1f, 0);
      double[] fullS = new double[rounds];
      double[] incrementalS = new double[rounds];
      double[] ratio = new double[rounds];
      boolean identical = true;
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        long[] a = full.sample(n, null, Map.of(), 1f, r + 1);
        fullS[r] = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        long[] b = incremental.sample(n, null, Map.of(), 1f, r + 1);
        incrementalS[r] = (System.nanoTime() - start) / 1e9;
        ratio[r] = fullS[r] / incrementalS[r];
        identical &= Arrays.equals(a, b);
        log.printf("sampling round %d: %d maps, full %.2f s, incremental %.2f s, ratio %.1f%n", r + 1, n, fullS[r], incrementalS[r], ratio[r]);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("sample_n", n);
      out.put("sample_s_per_1000_full", round(Bench.median(fullS) * 1000 / n));
      out.put("sample_s_per_1000_incremental", round(Bench.median(incrementalS) * 1000 / n));
      out.put("sample_speedup_incremental", round(Bench.median(ratio)));
      out.put("sample_codes_identical", identical);
      if (large > 0) {
        // The batch an FID needs: incremental only (by full passes it would take minutes per thousand).
        IncrementalSampler big = incremental.withBatch(large);
        long start = System.nanoTime();
        big.sample(large, null, Map.of(), 1f, 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf("sampling %d maps incrementally in one batch: %.2f s%n", large, seconds);
        out.put("sample_s_per_1000_incremental_batch_" + large, round(seconds * 1000 / large));
      }
      return out;
    }
  }

  /** Arguments {@code [n [rounds]]} (default 64 samples, 3 rounds); prints each round and the figures. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.println(run(n, rounds, System.out));
  }


  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
