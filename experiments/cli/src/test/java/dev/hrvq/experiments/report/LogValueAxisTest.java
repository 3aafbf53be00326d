package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValueAxisTest {

  @Test
  void labelsThinOutWithTheSpan() {
    // Within a decade every tick; up to 2.5 decades 1-2-5; beyond, powers of ten only.
    assertThat(LogValueAxis.labelled(0.03, 0.5)).isTrue();
    assertThat(LogValueAxis.labelled(0.003, 2)).isFalse();
    assertThat(LogValueAxis.labelled(0.002, 2)).isTrue();
    assertThat(LogValueAxis.labelled(0.005, 2)).isTrue();
    assertThat(LogValueAxis.labelled(0.001, 2)).isTrue();
    assertThat(LogValueAxis.labelled(0.002, 3)).isFalse();
    assertThat(LogValueAxis.labelled(0.0001, 3)).isTrue();
    assertThat(LogValueAxis.labelled(1000, 3)).isTrue();
    assertThat(LogValueAxis.plain(2.0000000000000004E-4)).isEqualTo("0.0002");
    assertThat(LogValueAxis.plain(0.5)).isEqualTo("0.5");
    assertThat(LogValueAxis.plain(20)).isEqualTo("20");
    // Linear axes: float noise of tick positions rounded away, no exponent.
    assertThat(PlainNumberFormat.plain(29 * 0.00005, 6)).isEqualTo("0.00145");
    assertThat(new PlainNumberFormat(6).format(0.0)).isEqualTo("0");
    assertThat(new PlainNumberFormat(6).format(60.0)).isEqualTo("60");
  }
}
