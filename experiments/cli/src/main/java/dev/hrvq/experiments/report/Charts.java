package dev.hrvq.experiments.report;

import dev.hrvq.quantize.LayerHealth;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts for experiment reports: loss curves, and codebook usage per layer (JFreeChart). */
public final class Charts {

  /** Default width of every chart, in pixels. */
  public static final int WIDTH = 900;
  /** Default height of a loss-curve chart, in pixels. */
  public static final int LOSS_HEIGHT = 500;
  /** Default height of one layer's panel in a codebook-usage chart, in pixels. */
  public static final int PANEL_HEIGHT = 220;
  /** Height of the title band above the panels of a codebook-usage chart, in pixels. */
  public static final int TITLE_HEIGHT = 40;

  // Above this many codes, bar outlines would merge into a solid smear; draw filled bars only.
  private static final int OUTLINED_BARS_UP_TO = 64;
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Color BAR_COLOUR = new Color(0x3b, 0x6e, 0xa8);

  static {
    Png.ensureHeadless();
  }

  private Charts() {}

  /** {@link #lossCurves(Path, String, Map, int, int)} at {@link #WIDTH} x {@link #LOSS_HEIGHT}. */
  public static Path lossCurves(Path png, String title, Map<String, double[][]> series) {
    return lossCurves(png, title, series, WIDTH, LOSS_HEIGHT);
  }

  /**
   * Writes one line per series, each a list of {@code {step, value}} points, with a legend; the y
   * axis is logarithmic when every value is positive (losses span decades) and linear otherwise.
   * Non-finite values (a diverged run) are left out rather than breaking the axis.
   */
  public static Path lossCurves(Path png, String title, Map<String, double[][]> series, int width,
      int height) {
    checkSize(width, height);
    if (series == null || series.isEmpty()) {
      throw new IllegalArgumentException("loss curves: no series to draw");
    }
    XYSeriesCollection data = new XYSeriesCollection();
    boolean allPositive = true;
    boolean anyFinite = false;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[][]> entry : series.entrySet()) {
      String name = entry.getKey();
      double[][] points = entry.getValue();
      if (points == null || points.length == 0) {
        throw new IllegalArgumentException("loss curves: series '" + name + "' has no points");
      }
      // Steps may repeat (e.g. a resumed run); keep every point in the order given.
      XYSeries line = new XYSeries(name, false, true);
      for (int i = 0; i < points.length; i++) {
        double[] point = points[i];
        if (point == null || point.length != 2) {
          throw new IllegalArgumentException("loss curves: point " + i + " of series '" + name
              + "' is not a {step, value} pair");
        }
        if (!Double.isFinite(point[0]) || !Double.isFinite(point[1])) {
          continue;
        }
        anyFinite = true;
        allPositive &= point[1] > 0;
        min = Math.min(min, point[1]);
        max = Math.max(max, point[1]);
        line.add(point[0], point[1]);
      }
      data.addSeries(line);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(title, "step", "loss", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    style(plot);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < data.getSeriesCount(); s++) {
      renderer.setSeriesStroke(s, new BasicStroke(1.5f));
    }
    plot.setRenderer(renderer);
    NumberAxis steps = (NumberAxis) plot.getDomainAxis();
    steps.setAutoRangeIncludesZero(false);
    if (anyFinite && allPositive) {
      plot.setRangeAxis(logAxis(min, max));
    } else {
      ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    }
    return Png.write(chart.createBufferedImage(width, height), png);
  }

  /** A log-scale loss axis whose tick labels are plain numbers, for data in [min, max], min > 0. */
  static ValueAxis logAxis(double min, double max) {
    String label = "loss (log scale)";
    if (max / min >= 10) {
      // LogarithmicAxis labels decades as plain numbers (0.01, 0.1); LogAxis would print
      // fractional powers such as 10^-1.7, which nobody reads at a glance.
      LogarithmicAxis axis = new LogarithmicAxis(label);
      axis.setStrictValuesFlag(false);
      return axis;
    }
    // Within one decade LogarithmicAxis has no tick to label; LogAxis ticks at fractional powers,
    // so print those as decimals with enough places for the smallest value.
    LogAxis axis = new LogAxis(label);
    int places = Math.max(1, Math.min(10, 2 - (int) Math.floor(Math.log10(min))));
    axis.setNumberFormatOverride(new DecimalFormat("0." + "0".repeat(places),
        DecimalFormatSymbols.getInstance(Locale.ROOT)));
    return axis;
  }

  /**
   * {@link #codebookUsage(Path, String, List, int, int)} at {@link #WIDTH} wide, {@link
   * #PANEL_HEIGHT} per layer.
   */
  public static Path codebookUsage(Path png, String title, List<long[]> countsPerLayer) {
    return codebookUsage(png, title, countsPerLayer, WIDTH, PANEL_HEIGHT);
  }

  /** Height in pixels of a codebook-usage chart of {@code layers} panels. */
  public static int codebookUsageHeight(int layers, int panelHeight) {
    return TITLE_HEIGHT + layers * panelHeight;
  }

  /**
   * Writes one bar chart per layer, stacked top to bottom: how often each code was used, codes on
   * x; each panel's title gives the layer (from 1), codes used and perplexity, e.g. {@code layer
   * 2: 14/16 codes used, perplexity 11.3}. Layers may have different codebook sizes.
   */
  public static Path codebookUsage(Path png, String title, List<long[]> countsPerLayer,
      int width, int panelHeight) {
    checkSize(width, panelHeight);
    if (countsPerLayer == null || countsPerLayer.isEmpty()) {
      throw new IllegalArgumentException("codebook usage: no layers to draw");
    }
    int layers = countsPerLayer.size();
    BufferedImage out = new BufferedImage(width, codebookUsageHeight(layers, panelHeight),
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      drawTitle(g, title, width);
      for (int layer = 0; layer < layers; layer++) {
        long[] counts = countsPerLayer.get(layer);
        LayerHealth usage;
        try {
          usage = LayerHealth.of("", layer + 1, counts);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("codebook usage: layer " + (layer + 1) + ": "
              + e.getMessage(), e);
        }
        JFreeChart panel = usagePanel("layer " + (layer + 1) + ": " + usage.describe(), counts);
        panel.draw(g, new Rectangle2D.Double(0, TITLE_HEIGHT + layer * panelHeight, width,
            panelHeight));
      }
    } finally {
      g.dispose();
    }
    return Png.write(out, png);
  }

  private static JFreeChart usagePanel(String heading, long[] counts) {
    XYSeries bars = new XYSeries("uses", true, false);
    for (int code = 0; code < counts.length; code++) {
      bars.add(code, counts[code]);
    }
    XYSeriesCollection data = new XYSeriesCollection(bars);
    // Each bar exactly one code wide, so a large codebook reads as a dense profile, not a comb.
    data.setIntervalWidth(1.0);
    JFreeChart chart = ChartFactory.createXYBarChart(null, "code", false, "uses", data,
        PlotOrientation.VERTICAL, false, false, false);
    chart.setTitle(new TextTitle(heading, PANEL_TITLE_FONT));
    XYPlot plot = chart.getXYPlot();
    style(plot);
    XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
    renderer.setBarPainter(new StandardXYBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMargin(counts.length > OUTLINED_BARS_UP_TO ? 0.0 : 0.15);
    renderer.setDrawBarOutline(false);
    renderer.setSeriesPaint(0, BAR_COLOUR);
    NumberAxis codes = (NumberAxis) plot.getDomainAxis();
    codes.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    codes.setAutoRange(false);
    codes.setRange(-0.5, counts.length - 0.5);
    NumberAxis uses = (NumberAxis) plot.getRangeAxis();
    uses.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    if (LayerHealth.of("", 1, counts).assigned() == 0) {
      // An all-zero layer would give a degenerate range; show an empty 0..1 panel instead.
      uses.setRange(0, 1);
    }
    return chart;
  }

  private static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
  }

  private static void drawTitle(Graphics2D g, String title, int width) {
    if (title == null || title.isEmpty()) {
      return;
    }
    g.setFont(TITLE_FONT);
    g.setColor(Color.BLACK);
    FontMetrics metrics = g.getFontMetrics();
    int x = Math.max(0, (width - metrics.stringWidth(title)) / 2);
    int y = (TITLE_HEIGHT - metrics.getHeight()) / 2 + metrics.getAscent();
    g.drawString(title, x, y);
  }

  private static void checkSize(int width, int height) {
    if (width < 100 || height < 100) {
      throw new IllegalArgumentException("charts: need at least 100x100 pixels, got " + width
          + "x" + height);
    }
  }
}
