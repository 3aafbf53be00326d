package dev.hrvq.api.check;

/** Element-wise comparison of float32 results with a double-precision reference, naming the first offender. */
public final class Close {
  private Close() {}

  /** The float32-against-double default: relative 1e-5, absolute 1e-6. */
  public static void assertClose(String what, float[] actual, double[] expected) {
    assertClose(what, actual, expected, 1e-6, 1e-5);
  }

  /** Throws an {@link AssertionError} unless every {@code |actual - expected| <= abs + rel * |expected|}. */
  public static void assertClose(String what, float[] actual, double[] expected, double abs, double rel) {
    if (actual.length != expected.length) {
      throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double bound = abs + rel * Math.abs(expected[i]);
      if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
        throw new AssertionError(String.format("%s[%d]: expected %s within %s, actual %s", what, i, expected[i], bound, actual[i]));
      }
    }
  }

  /** {@code values} widened to double, for references built from float inputs. */
  public static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
