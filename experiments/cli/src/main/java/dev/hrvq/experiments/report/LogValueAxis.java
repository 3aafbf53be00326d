package dev.hrvq.experiments.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A vertical log axis whose labels are plain numbers at 1, 2 and 5 times a power of ten.
 * {@link LogarithmicAxis} labels only the powers of ten, which leaves a panel spanning one or two
 * decades with one or two labels; here the labels thin out with the span instead: every tick
 * (1..9 x 10^k) within one decade, 1-2-5 within 2.5 decades, powers of ten beyond.
 */
final class LogValueAxis extends LogarithmicAxis {
  private static final long serialVersionUID = 1L;

  LogValueAxis(String label) {
    super(label);
    // Values at or under zero are the caller's to avoid; never throw while drawing.
    setStrictValuesFlag(false);
  }

  @Override
  @SuppressWarnings({"rawtypes", "unchecked"})
  protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    double span = Math.log10(getUpperBound() / getLowerBound());
    List<Tick> out = new ArrayList<>();
    for (Object o : super.refreshTicksVertical(g2, dataArea, edge)) {
      NumberTick tick = (NumberTick) o;
      double v = tick.getValue();
      String label = labelled(v, span) ? plain(v) : "";
      out.add(new NumberTick(tick.getTickType(), v, label, tick.getTextAnchor(),
          tick.getRotationAnchor(), tick.getAngle()));
    }
    return out;
  }

  /** Whether the tick at {@code value} gets a label on an axis spanning {@code span} decades. */
  static boolean labelled(double value, double span) {
    long mantissa = Math.round(value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9)));
    return span < 1 || mantissa == 1 || span < 2.5 && (mantissa == 2 || mantissa == 5);
  }

  /** {@code value} to three significant digits, without exponent: 0.0002, 0.5, 20. */
  static String plain(double value) {
    return PlainNumberFormat.plain(value, 3);
  }
}
