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
 * {@code group} (read from each run's config, so neither key need be swept).
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
        JsonNode x = run.configValue(plot.x());
        JsonNode group = run.configValue(plot.group());
        if (x == null) {
          out.printf("plot %s: skipped, the runs' configs have no key %s%n", fileName(plot), plot.x());
          continue plots;
        }
        points.add(new SweepPoint(group == null ? "(no " + plot.group() + ")" : SweepRun.text(group),
            x.isNumber() ? (Object) x.doubleValue() : SweepRun.text(x), value.doubleValue()));
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

  static String fileName(SweepConfig.Plot plot) {
    String x = plot.x().substring(plot.x().lastIndexOf('.') + 1);
    return "plot-" + plot.metric() + "-vs-" + x + ".png";
  }
}
