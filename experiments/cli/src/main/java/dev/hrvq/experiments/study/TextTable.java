package dev.hrvq.experiments.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Markdown table with aligned columns: readable in a terminal and rendered by any Markdown viewer. */
final class TextTable {
  private TextTable() {}

  static String markdown(List<String> columns, List<Map<String, Object>> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(columns);
    for (Map<String, Object> row : rows) {
      cells.add(columns.stream().map(c -> format(row.get(c))).toList());
    }
    int[] width = new int[columns.size()];
    for (List<String> line : cells) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], line.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < cells.size(); r++) {
      line(b, cells.get(r), width);
      if (r == 0) {
        List<String> rule = new ArrayList<>();
        for (int w : width) {
          rule.add("-".repeat(w));
        }
        line(b, rule, width);
      }
    }
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> cells, int[] width) {
    b.append('|');
    for (int i = 0; i < width.length; i++) {
      b.append(' ').append(String.format("%-" + width[i] + "s", cells.get(i))).append(" |");
    }
    b.append('\n');
  }

  /** Numbers to 4 significant digits (whole numbers as they are); the CSV and JSON keep full precision. */
  static String format(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : d.toString();
    }
    return value.toString();
  }
}
