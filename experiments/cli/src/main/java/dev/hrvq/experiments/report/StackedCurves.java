package dev.hrvq.experiments.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.VerticalAlignment;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Line charts stacked top to bottom on one shared step axis, each panel with its own y axis and
 * its own legend in a column to the right of the plots (so a legend never covers a line). The
 * drawing behind {@link LossCurves} and {@link RunCurves}.
 */
final class StackedCurves {

  /** One line: {@code {step, value}} points; {@code style} picks its {@link Palette} entry. */
  record Line(String label, double[][] points, int style) {
    Line {
      if (points == null || points.length == 0) {
        throw new IllegalArgumentException("charts: series '" + label + "' has no points");
      }
      for (int i = 0; i < points.length; i++) {
        if (points[i] == null || points[i].length != 2) {
          throw new IllegalArgumentException("charts: point " + i + " of series '" + label
              + "' is not a {step, value} pair");
        }
      }
    }
  }

  /**
   * One panel; {@code logY} asks for a log y axis, used when every finite value is positive
   * (a linear one otherwise, since log cannot show zero or below).
   */
  record Panel(String yLabel, List<Line> lines, boolean logY) {}

  static final int WIDTH = 900;
  static final int PANEL_HEIGHT = 220;
  // Title, subtitle and the step axis below the last panel.
  static final int FRAME_HEIGHT = 110;
  // Lines with this many points or fewer get markers: sparse series (test MSE is evaluated a few
  // times a run) would otherwise read as straight segments with no visible samples.
  static final int MARKERS_UP_TO = 25;

  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);
  private static final int MARGIN = 10;

  static {
    Png.ensureHeadless();
  }

  private StackedCurves() {}

  static int height(int panels, int panelHeight) {
    return FRAME_HEIGHT + panels * panelHeight;
  }

  /**
   * Draws the panels top to bottom, {@code width} x {@link #height} pixels, and writes the PNG via
   * {@link Png#write} (atomically; the owner mark, where one is wanted, is the caller's
   * {@code OutputTarget}'s).
   */
  static Path write(Path png, String title, String subtitle, String xLabel, List<Panel> panels,
      int width, int panelHeight) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("charts: no curves to draw");
    }
    if (width < 400 || panelHeight < 100) {
      throw new IllegalArgumentException("charts: need at least 400 pixels wide and 100 per "
          + "panel, got " + width + " and " + panelHeight);
    }
    NumberAxis steps = new NumberAxis(xLabel);
    steps.setAutoRangeIncludesZero(false);
    styleAxis(steps);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(steps);
    plot.setGap(12);
    for (Panel panel : panels) {
      plot.add(subplot(panel));
    }
    JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    if (subtitle != null && !subtitle.isEmpty()) {
      chart.addSubtitle(new TextTitle(subtitle, SUBTITLE_FONT));
    }

    int height = height(panels.size(), panelHeight);
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
          RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      int legendWidth = legendWidth(g, panels, width);
      // The right padding is the legend column; the plots and titles keep the rest.
      chart.setPadding(new RectangleInsets(MARGIN, MARGIN, MARGIN, MARGIN + legendWidth));
      ChartRenderingInfo info = new ChartRenderingInfo();
      chart.draw(g, new Rectangle2D.Double(0, 0, width, height), info);
      PlotRenderingInfo plots = info.getPlotInfo();
      for (int i = 0; i < panels.size(); i++) {
        Rectangle2D area = plots.getSubplotInfo(i).getDataArea();
        drawLegend(g, (XYPlot) plot.getSubplots().get(i), width - MARGIN - legendWidth + 6,
            area, legendWidth - 6);
      }
    } finally {
      g.dispose();
    }
    return Png.write(out, png);
  }

  private static XYPlot subplot(Panel panel) {
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    boolean anyFinite = false;
    boolean allPositive = true;
    for (int s = 0; s < panel.lines().size(); s++) {
      Line line = panel.lines().get(s);
      // Steps may repeat (a resumed run); keep every point in the order given.
      XYSeries series = new XYSeries(line.label(), false, true);
      for (double[] point : line.points()) {
        // Non-finite values (a diverged run) are left out rather than breaking the axis.
        if (Double.isFinite(point[0]) && Double.isFinite(point[1])) {
          series.add(point[0], point[1]);
          anyFinite = true;
          allPositive &= point[1] > 0;
        }
      }
      data.addSeries(series);
      renderer.setSeriesPaint(s, Palette.colour(line.style()));
      renderer.setSeriesStroke(s, Palette.stroke(line.style(), 1.8f));
      renderer.setSeriesShape(s, Palette.shape(line.style()));
      renderer.setSeriesShapesVisible(s, series.getItemCount() <= MARKERS_UP_TO);
    }
    XYPlot plot = new XYPlot(data, null, panel.logY() && anyFinite && allPositive
        ? new LogValueAxis(panel.yLabel() + " (log)") : linearAxis(panel.yLabel()), renderer);
    styleAxis(plot.getRangeAxis());
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setOutlinePaint(Color.GRAY);
    return plot;
  }

  /** A linear axis that need not include zero, with plain decimal labels (never 1.5E-3). */
  static NumberAxis linearAxis(String label) {
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(false);
    axis.setNumberFormatOverride(new PlainNumberFormat(6));
    // Taller label boxes make the axis pick fewer, more readable ticks.
    axis.setTickLabelInsets(new RectangleInsets(5, 4, 5, 4));
    return axis;
  }

  static void styleAxis(org.jfree.chart.axis.Axis axis) {
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
  }

  /** Wide enough for the longest label and its swatch, but never more than a third of the image. */
  private static int legendWidth(Graphics2D g, List<Panel> panels, int width) {
    FontMetrics metrics = g.getFontMetrics(LEGEND_FONT);
    int longest = 0;
    for (Panel panel : panels) {
      for (Line line : panel.lines()) {
        longest = Math.max(longest, metrics.stringWidth(line.label()));
      }
    }
    return Math.min(width / 3, Math.max(120, longest + 40));
  }

  private static void drawLegend(Graphics2D g, XYPlot plot, double x, Rectangle2D dataArea,
      double width) {
    LegendTitle legend = new LegendTitle(plot);
    legend.setItemFont(LEGEND_FONT);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
    legend.setVerticalAlignment(VerticalAlignment.TOP);
    legend.setFrame(BlockBorder.NONE);
    legend.setBackgroundPaint(Color.WHITE);
    var size = legend.arrange(g, new RectangleConstraint(new Range(0, width),
        new Range(0, dataArea.getHeight())));
    legend.draw(g, new Rectangle2D.Double(x, dataArea.getY(), size.width, size.height));
  }
}
