package dev.hrvq.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One quantity by step for several runs, overlaid (for {@code compare}): test MSE by step, codes
 * used by step. Each run keeps one colour ({@link Palette}, in the map's order) in every panel;
 * the legend sits to the right of the plot.
 */
public final class RunCurves {

  private RunCurves() {}

  /**
   * Writes one line per run on one plot, 900 pixels wide: {@code runs} maps each run's name to its
   * {@code {step, value}} points, in legend order. With {@code logY} the y axis is logarithmic
   * when every finite value is positive (linear otherwise); non-finite values are left out.
   *
   * @throws IllegalArgumentException if there are no runs, or a run has no points
   */
  public static Path write(Path png, String title, String yLabel, Map<String, double[][]> runs,
      boolean logY) {
    if (runs == null || runs.isEmpty()) {
      throw new IllegalArgumentException("run curves: no runs to draw");
    }
    List<StackedCurves.Line> lines = new ArrayList<>();
    runs.forEach((name, points) -> lines.add(new StackedCurves.Line(name, points, lines.size())));
    return StackedCurves.write(png, title, runs.size() + " runs", "step",
        List.of(new StackedCurves.Panel(yLabel, lines, logY)), StackedCurves.WIDTH,
        2 * StackedCurves.PANEL_HEIGHT);
  }

  /**
   * Writes one panel per layer (layer 1 on top), one line per run in each, on a shared step axis:
   * {@code runs} maps each run's name to a list of {@code {step, value}} points per layer. Runs
   * may have different numbers of layers; a run is drawn in the panels of the layers it has. The
   * panels' y axes are labelled {@code "<yLabel>, layer <i>"}; {@code logY} as in {@link
   * #write(Path, String, String, Map, boolean)}.
   *
   * @throws IllegalArgumentException if there are no runs, no layers, or a layer has no points
   */
  public static Path perLayer(Path png, String title, String yLabel,
      Map<String, List<double[][]>> runs, boolean logY) {
    if (runs == null || runs.isEmpty()) {
      throw new IllegalArgumentException("run curves: no runs to draw");
    }
    int layers = runs.values().stream().mapToInt(List::size).max().orElse(0);
    if (layers == 0) {
      throw new IllegalArgumentException("run curves: no layers to draw");
    }
    List<StackedCurves.Panel> panels = new ArrayList<>();
    for (int layer = 0; layer < layers; layer++) {
      List<StackedCurves.Line> lines = new ArrayList<>();
      int style = 0;
      for (Map.Entry<String, List<double[][]>> run : runs.entrySet()) {
        if (layer < run.getValue().size()) {
          lines.add(new StackedCurves.Line(run.getKey(), run.getValue().get(layer), style));
        }
        style++; // by the run's place in the map, so it has one colour in every panel
      }
      panels.add(new StackedCurves.Panel(yLabel + ", layer " + (layer + 1), lines, logY));
    }
    return StackedCurves.write(png, title, runs.size() + " runs, " + layers + " layers", "step",
        panels, StackedCurves.WIDTH, StackedCurves.PANEL_HEIGHT);
  }
}
