package dev.hrvq.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary over seeds: settings grouped without the seed, sample standard deviations, the Markdown table. */
class SweepSummaryTest {
  private static Map<String, Object> row(String kind, long seed, String status, Double mse) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("point", kind + "_seed-" + seed);
    r.put("seed", seed);
    r.put("model.kind", kind);
    r.put("status", status);
    if (mse != null) {
      r.put("test_mse", mse);
    }
    return r;
  }

  @Test
  void settingsAreTheSweptValuesWithoutTheSeed() {
    List<Map<String, Object>> rows = List.of(row("hrvqvae", 0, "done", 1.0), row("hrvqvae", 1, "done", 2.0),
        row("hrvqvae", 2, "done", 4.0), row("vqvae", 0, "done", 3.0), row("vqvae", 1, "failed", null),
        row("vqvae", 2, "done", Double.NaN));
    List<SweepSummary.Setting> settings = SweepSummary.settings(List.of("model.kind"), rows);
    assertThat(settings).extracting(s -> s.swept().get("model.kind")).containsExactly("hrvqvae", "vqvae");
    SweepSummary.Stats hr = settings.get(0).columns().get("test_mse");
    // 1, 2, 4: mean 7/3; sample variance ((4/3)^2 + (1/3)^2 + (5/3)^2) / 2 = 7/3.
    assertThat(hr.mean()).isCloseTo(7.0 / 3, within(1e-12));
    assertThat(hr.std()).isCloseTo(Math.sqrt(7.0 / 3), within(1e-12));
    assertThat(hr.min()).isEqualTo(1.0);
    assertThat(hr.max()).isEqualTo(4.0);
    assertThat(hr.n()).isEqualTo(3);
    assertThat(settings.get(0).columns()).doesNotContainKey("seed");
    // A failed point and a NaN are left out: one value, no standard deviation.
    SweepSummary.Stats vq = settings.get(1).columns().get("test_mse");
    assertThat(vq.n()).isEqualTo(1);
    assertThat(vq.std()).isNaN();
    String md = SweepSummary.markdown("s", List.of("model.kind"), settings);
    assertThat(md).contains("| model.kind | test_mse |", "| hrvqvae | 2.33 ± 1.53 (1.00..4.00, 3 seeds) |", "| vqvae | 3.00 (1 seed) |");
    // A swept key that is the same (or removed) in every setting is no column.
    rows.forEach(r -> r.put("model.quantizer.layers", "null"));
    List<SweepSummary.Setting> withNull = SweepSummary.settings(List.of("model.kind", "model.quantizer.layers"), rows);
    assertThat(SweepSummary.markdown("s", List.of("model.kind", "model.quantizer.layers"), withNull)).contains("| model.kind | test_mse |")
        .doesNotContain("layers");
  }
}
