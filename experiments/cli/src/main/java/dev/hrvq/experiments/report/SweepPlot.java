package dev.hrvq.experiments.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A metric against a swept key (for {@code sweep}): one line per group, the mean over seeds as
 * the line with markers and the min..max over seeds as error bars (groups nudged apart in x so
 * their bars do not hide each other). Min..max rather than a
 * standard deviation: sweeps have 1 to 5 seeds, too few for a std to mean much, and the range
 * shows every seed. The x axis is numeric when every x is a {@link Number} (logarithmic when
 * every x is positive and {@code max / min >= 32}, about 1.5 decades, so codewords 8..512
 * qualify; base 2 when all are powers of two), otherwise categorical in first-seen order. With
 * categories, or a single x, the markers are not joined by lines.
 */
public final class SweepPlot {

  /** How the x axis is drawn. */
  enum Scale { LINEAR, LOG, CATEGORY }

  /** Mean, min and max of the finite values of one group at one x; {@code n} seeds. */
  record Cell(String group, Object x, double mean, double min, double max, int n) {}

  /**
   * The points grouped: groups in first-seen order, distinct x values in axis order (ascending
   * for numbers, first-seen for categories; numbers equal as doubles are one x), cells for each
   * (group, x) with a finite value, and how many values were non-finite.
   */
  record Summary(List<String> groups, List<Object> xs, Scale scale, List<Cell> cells,
      int nonFinite) {}

  /** Default size of a sweep plot, in pixels. */
  public static final int WIDTH = 900;
  /** Default height of a sweep plot, in pixels. */
  public static final int HEIGHT = 560;

  // Categories: each group's points are shifted this far (in category widths) from the next, so
  // error bars of different groups at one x do not hide each other.
  private static final double DODGE = 0.15;
  // max/min from which an axis is logarithmic: five doublings, about 1.5 decades.
  static final double LOG_SPAN = 32;

  static {
    Png.ensureHeadless();
  }

  private SweepPlot() {}

  /**
   * {@link #write(Path, String, String, String, List, int, int)} at {@link #WIDTH} x {@link
   * #HEIGHT}.
   */
  public static Path write(Path png, String title, String xKey, String metric,
      List<SweepPoint> points) {
    return write(png, title, xKey, metric, points, WIDTH, HEIGHT);
  }

  /**
   * Writes the sweep plot: x is {@code xKey}, y is {@code metric} (logarithmic when every min and
   * max is positive and {@code max / min >= 32}, as for x). The subtitle says what the line
   * and bars are, and how many non-finite values were left out. If every value is non-finite the
   * plot is empty but still written, with that count.
   *
   * @throws IllegalArgumentException if {@code points} is empty
   */
  public static Path write(Path png, String title, String xKey, String metric,
      List<SweepPoint> points, int width, int height) {
    Summary summary = summarize(points);
    boolean asPoints = summary.scale() == Scale.CATEGORY || summary.xs().size() == 1;
    double gap = asPoints ? 0 : narrowestGap(summary);
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (int g = 0; g < summary.groups().size(); g++) {
      String group = summary.groups().get(g);
      YIntervalSeries line = new YIntervalSeries(group, false, true);
      double shift = (g - (summary.groups().size() - 1) / 2.0) * DODGE;
      for (Cell cell : summary.cells()) {
        if (cell.group().equals(group)) {
          double x = asPoints ? summary.xs().indexOf(key(cell.x())) + shift
              : numericDodge(summary, ((Number) cell.x()).doubleValue(), shift, gap);
          line.add(x, cell.mean(), cell.min(), cell.max());
        }
      }
      data.addSeries(line);
    }

    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setCapLength(8);
    renderer.setDefaultLinesVisible(!asPoints);
    for (int g = 0; g < summary.groups().size(); g++) {
      renderer.setSeriesPaint(g, Palette.colour(g));
      renderer.setSeriesFillPaint(g, Palette.colour(g));
      renderer.setSeriesStroke(g, Palette.stroke(g, 2f));
      renderer.setSeriesShape(g, Palette.shape(g));
    }
    XYPlot plot = new XYPlot(data, xAxis(summary, xKey), yAxis(summary, metric), renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.setOutlinePaint(Color.GRAY);

    JFreeChart chart = new JFreeChart(title, StackedCurves.TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(10, 10, 10, 10));
    chart.addSubtitle(new TextTitle(subtitle(summary, asPoints), StackedCurves.SUBTITLE_FONT));
    LegendTitle legend = new LegendTitle(plot);
    legend.setItemFont(StackedCurves.LEGEND_FONT);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setFrame(BlockBorder.NONE);
    chart.addLegend(legend);
    var image = chart.createBufferedImage(width, height);
    return Png.write(image, png);
  }

  /** The narrowest gap between neighbouring x values: as a log ratio on a log axis, else a difference. */
  private static double narrowestGap(Summary summary) {
    List<Object> xs = summary.xs();
    double gap = Double.POSITIVE_INFINITY;
    for (int i = 1; i < xs.size(); i++) {
      double a = (Double) xs.get(i - 1);
      double b = (Double) xs.get(i);
      gap = Math.min(gap, summary.scale() == Scale.LOG ? Math.log(b / a) : b - a);
    }
    return gap;
  }

  /**
   * A numeric x moved by {@code shift} (in {@link #DODGE} steps) of a tenth of the axis' narrowest
   * {@code gap} between x values, as a factor on a log axis, so that the error bars of groups at one
   * x sit side by side.
   */
  private static double numericDodge(Summary summary, double x, double shift, double gap) {
    double step = shift / DODGE * gap / 10;
    return summary.scale() == Scale.LOG ? x * Math.exp(step) : x + step;
  }

  /** The line under the title: what the line and bars are, seeds, non-finite values left out. */
  static String subtitle(Summary summary, boolean asPoints) {
    int fewest = summary.cells().stream().mapToInt(Cell::n).min().orElse(0);
    int most = summary.cells().stream().mapToInt(Cell::n).max().orElse(0);
    StringBuilder s = new StringBuilder(asPoints ? "marker: mean over seeds; bar: min..max"
        : "line: mean over seeds; bar: min..max" + (summary.groups().size() > 1 ? " (groups nudged apart in x)" : ""));
    s.append(fewest == most ? "; " + most + (most == 1 ? " seed" : " seeds")
        : "; " + fewest + "-" + most + " seeds");
    if (summary.nonFinite() > 0) {
      s.append("; ").append(summary.nonFinite()).append(" NaN/infinite ")
          .append(summary.nonFinite() == 1 ? "value" : "values").append(" left out");
    }
    return s.toString();
  }

  /** Groups the points: see {@link Summary}. */
  static Summary summarize(List<SweepPoint> points) {
    if (points == null || points.isEmpty()) {
      throw new IllegalArgumentException("sweep plot: no points to draw");
    }
    Set<String> groups = new LinkedHashSet<>();
    Set<Object> xs = new LinkedHashSet<>();
    Map<List<Object>, List<Double>> values = new LinkedHashMap<>();
    int nonFinite = 0;
    for (SweepPoint p : points) {
      groups.add(p.group());
      Object x = key(p.x());
      xs.add(x);
      if (Double.isFinite(p.value())) {
        values.computeIfAbsent(List.of(p.group(), x), k -> new ArrayList<>()).add(p.value());
      } else {
        nonFinite++;
      }
    }
    Scale scale = scale(xs);
    List<Object> ordered = new ArrayList<>(xs);
    if (scale != Scale.CATEGORY) {
      ordered.sort(Comparator.comparingDouble(x -> (Double) x));
    }
    List<Cell> cells = new ArrayList<>();
    for (String group : groups) {
      for (Object x : ordered) {
        List<Double> v = values.get(List.of(group, x));
        if (v != null) {
          double sum = 0;
          double min = Double.POSITIVE_INFINITY;
          double max = Double.NEGATIVE_INFINITY;
          for (double d : v) {
            sum += d;
            min = Math.min(min, d);
            max = Math.max(max, d);
          }
          cells.add(new Cell(group, x, sum / v.size(), min, max, v.size()));
        }
      }
    }
    return new Summary(List.copyOf(groups), List.copyOf(ordered), scale, cells, nonFinite);
  }

  /** Numbers as doubles (8, 8L and 8.0 are one x), anything else as its text. */
  static Object key(Object x) {
    return x instanceof Number n ? (Object) n.doubleValue() : x.toString();
  }

  /** The axis rule of the class comment, on distinct {@link #key} values. */
  static Scale scale(Set<Object> xs) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Object x : xs) {
      if (!(x instanceof Double d) || !Double.isFinite(d)) {
        return Scale.CATEGORY;
      }
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    return min > 0 && max / min >= LOG_SPAN ? Scale.LOG : Scale.LINEAR;
  }

  /** Whether every (positive) x is a power of two, so a base-2 log axis ticks at the x values. */
  static boolean powersOfTwo(List<Object> xs) {
    for (Object x : xs) {
      double log = Math.log((Double) x) / Math.log(2);
      if (Math.abs(log - Math.rint(log)) > 1e-9) {
        return false;
      }
    }
    return true;
  }

  private static ValueAxis xAxis(Summary summary, String xKey) {
    ValueAxis axis;
    if (summary.scale() == Scale.CATEGORY || summary.xs().size() == 1) {
      String[] labels = summary.xs().stream()
          .map(x -> x instanceof Double d ? PlainNumberFormat.plain(d, 6) : x.toString())
          .toArray(String[]::new);
      SymbolAxis symbols = new SymbolAxis(xKey, labels);
      symbols.setGridBandsVisible(false);
      symbols.setAutoRange(false);
      symbols.setRange(-0.5, labels.length - 0.5);
      axis = symbols;
    } else if (summary.scale() == Scale.LOG) {
      LogAxis log = new LogAxis(xKey + " (log scale)");
      if (powersOfTwo(summary.xs())) {
        log.setBase(2);
      }
      // Ticks at whole powers of the base only, labelled as plain numbers (8, 64, 512).
      log.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
      log.setNumberFormatOverride(new PlainNumberFormat(6));
      double lo = (Double) summary.xs().get(0);
      double hi = (Double) summary.xs().get(summary.xs().size() - 1);
      // A little room so the end markers are not cut by the plot's edge.
      double pad = Math.pow(hi / lo, 0.04);
      log.setRange(lo / pad, hi * pad);
      axis = log;
    } else {
      axis = StackedCurves.linearAxis(xKey);
    }
    StackedCurves.styleAxis(axis);
    return axis;
  }

  private static ValueAxis yAxis(Summary summary, String metric) {
    double min = summary.cells().stream().mapToDouble(Cell::min).min().orElse(Double.NaN);
    double max = summary.cells().stream().mapToDouble(Cell::max).max().orElse(Double.NaN);
    ValueAxis axis = min > 0 && max / min >= LOG_SPAN ? new LogValueAxis(metric + " (log scale)")
        : StackedCurves.linearAxis(metric);
    StackedCurves.styleAxis(axis);
    return axis;
  }
}
