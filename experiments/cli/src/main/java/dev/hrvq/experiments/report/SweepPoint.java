package dev.hrvq.experiments.report;

/**
 * One measured value of a sweep, for {@link SweepPlot}: the {@code value} of the metric for line
 * {@code group} (a model kind, or any label) at swept value {@code x}. Several points with the
 * same group and x are seeds.
 *
 * @param x a {@link Number} on a numeric axis; anything else (a string, a boolean) is a category
 *     named by its {@code toString()}
 * @param value may be NaN (a diverged run): left out of the plot, counted in its subtitle
 */
public record SweepPoint(String group, Object x, double value) {
  public SweepPoint {
    if (group == null || x == null) {
      throw new IllegalArgumentException("sweep point: group and x must not be null");
    }
  }
}
