package dev.hrvq.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The arithmetic of the interleaved training-versus-sgemm figures, on made-up timings. */
class TrainAgainstPeakTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(Bench.median(new double[] {5, 1, 3})).isEqualTo(3);
    assertThat(Bench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void fractionIsTheMedianOfPerRoundRatiosNotTheRatioOfMedians() {
    // 1 GFLOP per sgemm; rounds where the machine was slow make both figures slow together.
    var r = new Bench.TrainAgainstPeak(new double[] {100, 200, 100}, new double[] {0.01, 0.02, 0.005}, 1e9);
    // Train FLOP/s per round: 3e9/0.1 = 30, 15, 30 GFLOP/s; sgemm: 100, 50, 200 GFLOP/s.
    // Ratios 0.3, 0.3, 0.15: median 0.3.
    assertThat(r.fractionOfPeak(3e9)).isCloseTo(0.3, within(1e-12));
    assertThat(r.trainMs()).isEqualTo(100);
    assertThat(r.sgemmGflops()).isCloseTo(100, within(1e-9));
    assertThat(r.rounds()).isEqualTo(3);
  }
}
