package dev.hrvq.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rule: a value passes when within abs OR within rel * |expected|. */
class ToleranceTest {
  private final Tolerance tol = new Tolerance(1e-2, 1e-5);

  @Test
  void withinAbsOrRel() {
    assertThat(tol.passes(0.0, 0.009)).isTrue();          // abs only
    assertThat(tol.passes(1e4, 1e4 + 0.09)).isTrue();     // rel only: 0.09 <= 0.1
    assertThat(tol.passes(1.0, 1.011)).isFalse();         // neither
    assertThat(tol.passes(1e4, 1e4 + 0.11)).isFalse();    // neither (abs + rel would pass 0.11)
    assertThat(tol.passes(1.0, Double.NaN)).isFalse();
  }

  @Test
  void codesCompareExactlyAndLengthsMatter() {
    assertThatThrownBy(() -> Golden.assertCodes("c", "f", new long[] {1, 2}, new long[] {1, 3}))
        .hasMessage("c: f: first mismatch at flat index 1: expected 2, actual 3 (codes compare exactly; 1 of 2 differ)");
    assertThatThrownBy(() -> Golden.assertClose("c", "f", new double[] {1}, tol, new float[] {1, 2}))
        .hasMessage("c: f: expected 1 values, actual 2");
  }
}
