package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.config.SweepConfig;
import dev.hrvq.experiments.output.OutputTarget;
import dev.hrvq.experiments.report.SweepPlot;
import dev.hrvq.experiments.report.SweepPoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sweep's plots, {@code plot-<metric>-vs-<key>.png}: for each plot of the sweep file, the
 * metric of every finished point against its config's value at {@code x}, one line per value at
 * {@code group} (read from each run's config, so neither key need be swept; a key no config has
 * is read from the results columns, e.g. {@code leaf_codewords}).
 */
final class SweepPlots {
  private SweepPlots() {}

  static void write(SweepConfig sweep, Path folder, SweepResults results, PrintStream out) {
    // Each finished run's files are read once, whatever the number of plots.
    Map<String, RunFigures> finished = new java.util.HashMap<>();
    for (Map<String, Object> row : results.rows()) {
      if ("done".equals(row.get("status"))) {
        finished.put((String) row.get("point"), RunFigures.read(folder.resolve((String) row.get("point"))));
      }
    }
    plots:
    for (SweepConfig.Plot plot : sweep.plots()) {
      List<SweepPoint> points = new ArrayList<>();
      for (Map<String, Object> row : results.rows()) {
        if (!"done".equals(row.get("status")) || !(row.get(plot.metric()) instanceof Number value)) {
          continue;
        }
        RunFigures run = finished.get((String) row.get("point"));
        Object x = value(run, row, plot.x());
        Object group = value(run, row, plot.group());
        if (x == null) {
          out.printf("plot %s: skipped, neither the runs' configs nor the results have a key %s%n", fileName(plot), plot.x());
          continue plots;
        }
        points.add(new SweepPoint(group == null ? "(no " + plot.group() + ")" : group.toString(), x, value.doubleValue()));
      }
      if (points.isEmpty()) {
        if (!finished.isEmpty()) {
          out.printf("plot %s: skipped, no finished point has a number in column %s; the columns are %s%n", fileName(plot), plot.metric(),
              String.join(", ", results.columns()));
        }
        continue;
      }
      Path png = folder.resolve(fileName(plot));
      OutputTarget.file(png, SweepRunner.COMMAND, true).write(true,
          at -> SweepPlot.write(at, sweep.name() + ": " + plot.metric() + " by " + plot.x(), plot.x(), plot.metric(), points));
    }
  }

  /**
   * The run's value at {@code key}: its config's at that dotted path, else the results column of
   * that name (e.g. leaf_codewords, which differs in meaning from any one config key across
   * models); numbers as doubles, the rest as text; null when neither has it.
   */
  static Object value(RunFigures run, Map<String, Object> row, String key) {
    JsonNode config = run.configValue(key);
    if (config != null) {
      return config.isNumber() ? (Object) config.doubleValue() : SweepRun.text(config);
    }
    Object column = row.get(key);
    return column instanceof Number n ? (Object) n.doubleValue() : column == null ? null : column.toString();
  }

  static String fileName(SweepConfig.Plot plot) {
    String x = plot.x().substring(plot.x().lastIndexOf('.') + 1);
    return "plot-" + plot.metric() + "-vs-" + x + ".png";
  }
}
