package dev.hrvq.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Usage, dead codes and perplexity of a histogram, against values worked out by hand. */
class LayerHealthTest {
  @Test
  void countsUsageAndPerplexity() {
    LayerHealth uniform = LayerHealth.of("codes", 1, new long[] {5, 5, 5, 5});
    assertThat(uniform.used()).isEqualTo(4);
    assertThat(uniform.usage()).isEqualTo(1.0);
    assertThat(uniform.perplexity()).isCloseTo(4.0, within(1e-12));
    LayerHealth one = LayerHealth.of("codes", 2, new long[] {0, 9, 0});
    assertThat(one.perplexity()).isCloseTo(1.0, within(1e-12));
    assertThat(one.deadCodes()).isEqualTo(2);
    assertThat(one.usage()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(one.describe()).isEqualTo("1/3 codes used, perplexity 1.0");
    LayerHealth half = LayerHealth.of("codes", 1, new long[] {3, 1, 0, 0});
    double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
    assertThat(half.perplexity()).isCloseTo(Math.exp(h), within(1e-12));
    assertThat(LayerHealth.of("codes", 1, new long[3]).describe()).isEqualTo("0/3 codes used, nothing assigned");
    assertThat(LayerHealth.of("codes", 1, new long[3]).perplexity()).isZero();
    assertThatThrownBy(() -> LayerHealth.of("codes", 1, new long[] {1, -1})).hasMessageContaining("count of code 1 is negative");
    assertThatThrownBy(() -> LayerHealth.of("codes", 1, new long[0])).hasMessageContaining("need at least one code");
  }

  @Test
  void figuresAreWhatTheLogsWrite() {
    assertThat(LayerHealth.of("codes0", 1, new long[] {2, 0}).figures())
        .containsEntry("codes", "codes0").containsEntry("layer", 1).containsEntry("size", 2L).containsEntry("usage", 0.5)
        .containsEntry("dead", 1).containsEntry("perplexity", 1.0);
  }
}
