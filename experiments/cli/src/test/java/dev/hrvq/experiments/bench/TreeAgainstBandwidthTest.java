package dev.hrvq.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The tree search's bandwidth bound and fraction of it, on made-up timings; the bandwidth graph on a small tensor. */
class TreeAgainstBandwidthTest {

  @Test
  void bytesAreThreePassesOverTheLatentsPerLayer() {
    // m=16, n=3, D=64 on 256,000 vectors: 3 layers x 3 passes x 65.536 MB.
    assertThat(QuantizerBench.treeBytes(3, 64, 256_000)).isEqualTo(3 * 3 * 256_000 * 64 * 4.0);
    assertThat(QuantizerBench.treeBytes(3, 64, 256_000) / 1e6).isCloseTo(589.8, within(0.1));
  }

  @Test
  void fractionIsTheMedianOfPerRoundRatiosAndTheBoundUsesTheMedianBandwidth() {
    // 1 GB to move; rounds at 10, 20, 5 GB/s (bound 0.1, 0.05, 0.2 s) taking 0.5, 0.25, 0.4 s.
    var t = new QuantizerBench.TreeAgainstBandwidth(new double[] {0.5, 0.25, 0.4}, new double[] {10, 20, 5}, 1e9);
    assertThat(t.treeSeconds()).isEqualTo(0.4);
    assertThat(t.memoryGbPerSecond()).isEqualTo(10);
    assertThat(t.boundSeconds()).isCloseTo(0.1, within(1e-12));
    // Per-round fractions 0.2, 0.2, 0.5: median 0.2; the ratio of the medians would be 0.1 / 0.4 = 0.25.
    assertThat(t.fractionOfBound()).isCloseTo(0.2, within(1e-12));
    assertThat(t.asMap()).containsOnlyKeys("memory_gb_per_s", "quantize_tree_bound_s", "quantize_tree_fraction_of_bound");
    assertThat(t.asMap().get("quantize_tree_fraction_of_bound")).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void theBandwidthGraphRunsAndGivesAPositiveRate() {
    try (MemoryBandwidth b = new MemoryBandwidth(1 << 16)) {
      assertThat(b.gbPerSecond(3)).isPositive().isFinite();
    }
  }
}
