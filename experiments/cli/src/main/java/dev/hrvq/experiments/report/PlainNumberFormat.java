package dev.hrvq.experiments.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/**
 * Tick labels as plain decimals to a few significant digits: 0.00145, 20, 0.5. JFreeChart's
 * default tick units print small values as 1.45E-3, which nobody reads at a glance; rounding
 * also hides the float noise of tick positions (29 * 0.00005 = 0.0014500000000000001).
 */
final class PlainNumberFormat extends NumberFormat {
  private static final long serialVersionUID = 1L;
  private final int digits;

  PlainNumberFormat(int digits) {
    this.digits = digits;
  }

  /** {@code value} to {@code digits} significant digits, without exponent or trailing zeros. */
  static String plain(double value, int digits) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : Double.toString(value);
    }
    return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros()
        .toPlainString();
  }

  @Override
  public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
    return to.append(plain(number, digits));
  }

  @Override
  public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
    return to.append(number);
  }

  @Override
  public Number parse(String source, ParsePosition pos) {
    throw new UnsupportedOperationException("tick labels are only formatted");
  }
}
