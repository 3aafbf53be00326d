package dev.hrvq.golden;

/**
 * A fixture's float tolerance: a value passes when it is within {@code abs} OR within
 * {@code rel * |expected|} of the expected value.
 */
public record Tolerance(double abs, double rel) {

  public boolean passes(double expected, double actual) {
    double diff = Math.abs(actual - expected);
    return diff <= abs || diff <= rel * Math.abs(expected);
  }

  @Override
  public String toString() {
    return "abs " + abs + " or rel " + rel;
  }
}
