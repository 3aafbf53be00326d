package dev.hrvq.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line fits the terminal and keeps step, loss, speed and ETA at 80 columns. */
class ProgressTest {
  /** Every term a three-layer tree reports, as a real run's losses.jsonl has them. */
  private static Map<String, Double> allTerms() {
    Map<String, Double> t = new LinkedHashMap<>();
    t.put("loss", 0.053049527);
    t.put("recon", 0.020335644);
    for (String n : new String[] {"combined", "layer1", "layer2", "layer3"}) {
      t.put(n + "_codebook", 0.004781999);
      t.put(n + "_commitment", 0.0011954998);
    }
    for (int l = 1; l <= 3; l++) {
      t.put("perplexity_l" + l, 1.5805027);
    }
    return t;
  }

  @Test
  void at80ColumnsTheLineHoldsStepLossReconSpeedAndEta() {
    String line = Progress.line(12_345, 100_000, allTerms(), 2.3456, 33_000, 79);
    assertThat(line.length()).isLessThanOrEqualTo(79);
    assertThat(line).contains("step 12345/100000", "loss 0.05305", "recon 0.02034", "2.35 steps/s", "ETA 9h10m")
        .doesNotContain("codebook", "commitment", "perplexity");
  }

  @Test
  void noWidthIsExceededAndTheStepIsAlwaysThere() {
    for (int columns = 20; columns <= 200; columns++) {
      String line = Progress.line(799, 800, allTerms(), 123.456, 1, columns);
      assertThat(line.length()).as("at %d columns: %s", columns, line).isLessThanOrEqualTo(columns);
      assertThat(line).as("at %d columns", columns).contains("step 799/800");
      assertThat(line.startsWith("[")).as("bar at %d columns: %s", columns, line).isEqualTo(columns >= 91);
    }
  }

  @Test
  void aWideTerminalGetsTheBarAndAPlainLogGetsEverythingButTheTerms() {
    assertThat(Progress.line(400, 800, allTerms(), 2, 200, 200)).startsWith("[##########..........] step 400/800");
    String plain = Progress.plainLine(400, 800, allTerms(), 2, 200);
    assertThat(plain).isEqualTo("step 400/800  loss 0.05305  recon 0.02034  2.00 steps/s  ETA 3m20s");
  }
}
