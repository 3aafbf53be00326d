package dev.hrvq.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PaletteTest {

  @Test
  void atLeastTenDistinctColoursThenDashedRepeats() {
    assertThat(Palette.COLOURS).hasSizeGreaterThanOrEqualTo(10).doesNotHaveDuplicates();
    int n = Palette.COLOURS.size();
    assertThat(Palette.colour(n)).isEqualTo(Palette.colour(0));
    assertThat(Palette.stroke(n, 2f)).isNotEqualTo(Palette.stroke(0, 2f));
    assertThat(Palette.stroke(1, 2f)).isEqualTo(Palette.stroke(0, 2f));
    assertThat(Palette.shape(1)).isNotEqualTo(Palette.shape(0));
  }
}
