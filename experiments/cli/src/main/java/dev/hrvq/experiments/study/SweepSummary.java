package dev.hrvq.experiments.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep's results over seeds: one row per setting (the swept values without the seed, in point
 * order) with, for each numeric column of its finished points, the mean, the sample standard
 * deviation, the min, the max and how many seeds had it ({@code summary.csv}); and the headline
 * figures as "mean ± std (min..max, n)" in a Markdown table ({@code summary.md}), the form the
 * README quotes. Written with the results after every point, from the same rows.
 */
public final class SweepSummary {
  static final String CSV = "summary.csv";
  static final String MARKDOWN = "summary.md";
  /** The columns summary.md shows, where the results have them. */
  static final List<String> HEADLINE = List.of("test_mse", "fid_lenet_reconstructions", "leaf_usage", "leaf_perplexity", "code_bits",
      "fid_lenet_samples");
  private static final List<String> STATISTICS = List.of("mean", "std", "min", "max", "n");

  /** The figures of one column over a setting's seeds. */
  record Stats(double mean, double std, double min, double max, int n) {
    static Stats of(List<Double> values) {
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
      double std = values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : Double.NaN;
      return new Stats(mean, std, values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
          values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), values.size());
    }

    Object get(String statistic) {
      return switch (statistic) {
        case "mean" -> mean;
        case "std" -> std;
        case "min" -> min;
        case "max" -> max;
        default -> n;
      };
    }

    /** "mean ± std (min..max, n seeds)"; a single value alone. */
    String describe() {
      if (n == 1) {
        return format(mean) + " (1 seed)";
      }
      return format(mean) + " ± " + format(std) + " (" + format(min) + ".." + format(max) + ", " + n + " seeds)";
    }

    private static String format(double v) {
      return String.format(Locale.ROOT, Math.abs(v) >= 100 || v == 0 ? "%.1f" : "%.3g", v);
    }
  }

  /** One setting: its swept values and the figures of each numeric column. */
  record Setting(Map<String, Object> swept, Map<String, Stats> columns) {}

  private SweepSummary() {}

  /** The settings of the finished rows, in the order their first point comes. */
  static List<Setting> settings(List<String> sweptKeys, List<Map<String, Object>> rows) {
    Map<Map<String, Object>, Map<String, List<Double>>> values = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      if (!"done".equals(row.get("status"))) {
        continue;
      }
      Map<String, Object> swept = new LinkedHashMap<>();
      sweptKeys.forEach(k -> swept.put(k, row.get(k)));
      Map<String, List<Double>> columns = values.computeIfAbsent(swept, k -> new LinkedHashMap<>());
      row.forEach((k, v) -> {
        if (v instanceof Number n && !k.equals("seed") && !sweptKeys.contains(k) && Double.isFinite(n.doubleValue())) {
          columns.computeIfAbsent(k, c -> new ArrayList<>()).add(n.doubleValue());
        }
      });
    }
    List<Setting> out = new ArrayList<>();
    values.forEach((swept, columns) -> {
      Map<String, Stats> stats = new LinkedHashMap<>();
      columns.forEach((k, v) -> stats.put(k, Stats.of(v)));
      out.add(new Setting(swept, stats));
    });
    return out;
  }

  /** Writes summary.csv and summary.md into {@code folder}. */
  static void write(Path folder, String sweep, List<String> sweptKeys, List<Map<String, Object>> rows) {
    List<Setting> settings = settings(sweptKeys, rows);
    List<String> metrics = new ArrayList<>();
    settings.forEach(s -> s.columns().keySet().stream().filter(k -> !metrics.contains(k)).forEach(metrics::add));
    List<String> columns = new ArrayList<>(sweptKeys);
    metrics.forEach(m -> STATISTICS.forEach(st -> columns.add(m + "_" + st)));
    List<Map<String, Object>> csvRows = new ArrayList<>();
    for (Setting s : settings) {
      Map<String, Object> row = new LinkedHashMap<>(s.swept());
      s.columns().forEach((m, st) -> STATISTICS.forEach(name -> row.put(m + "_" + name, st.get(name))));
      csvRows.add(row);
    }
    SweepResults.writeWhole(folder.resolve(CSV), Csv.write(columns, csvRows));
    SweepResults.writeWhole(folder.resolve(MARKDOWN), markdown(sweep, sweptKeys, settings));
  }

  /** A swept value as a table cell: a removed key (null) is blank. */
  private static String cell(Object value) {
    return value == null || "null".equals(value.toString()) ? "" : value.toString();
  }

  static String markdown(String sweep, List<String> sweptKeys, List<Setting> settings) {
    List<String> shown = HEADLINE.stream().filter(m -> settings.stream().anyMatch(s -> s.columns().containsKey(m))).toList();
    // Swept keys that only remove a setting (null) or never vary say nothing in a table.
    List<String> keys = sweptKeys.stream().filter(k -> settings.stream().map(s -> cell(s.swept().get(k))).distinct().count() > 1).toList();
    StringBuilder md = new StringBuilder("# " + sweep + ": mean ± std over seeds (min..max, seeds)\n\n");
    List<String> header = new ArrayList<>(keys);
    header.addAll(shown);
    md.append("| ").append(String.join(" | ", header)).append(" |\n");
    md.append("|").append(" --- |".repeat(header.size())).append("\n");
    for (Setting s : settings) {
      List<String> cells = new ArrayList<>();
      keys.forEach(k -> cells.add(cell(s.swept().get(k))));
      shown.forEach(m -> cells.add(s.columns().containsKey(m) ? s.columns().get(m).describe() : ""));
      md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }
    return md.toString();
  }
}
