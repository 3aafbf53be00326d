package dev.hrvq.api.check;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CloseTest {

  @Test
  void withinTheBoundPasses() {
    assertThatCode(() -> Close.assertClose("x", new float[] {1.00001f, 0f}, new double[] {1.0, 5e-7})).doesNotThrowAnyException();
  }

  @Test
  void theFirstValueOutsideTheBoundIsNamed() {
    assertThatThrownBy(() -> Close.assertClose("x", new float[] {1f, 2.1f, 9f}, new double[] {1.0, 2.0, 3.0}, 0, 0.01))
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("x[1]: expected 2.0 within 0.02, actual 2.1");
  }

  @Test
  void aLengthMismatchFails() {
    assertThatThrownBy(() -> Close.assertClose("x", new float[] {1f}, new double[] {1.0, 2.0}))
        .isInstanceOf(AssertionError.class)
        .hasMessage("x: 1 values, expected 2");
  }

  @Test
  void nanNeverPasses() {
    assertThatThrownBy(() -> Close.assertClose("x", new float[] {Float.NaN}, new double[] {0.0}, 1, 1))
        .isInstanceOf(AssertionError.class);
  }
}
