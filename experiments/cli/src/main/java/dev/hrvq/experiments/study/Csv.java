package dev.hrvq.experiments.study;

import java.util.List;
import java.util.Map;

/** RFC 4180 CSV of rows with a fixed column order; numbers as Java writes them, so they read back exactly. */
final class Csv {
  private Csv() {}

  static String write(List<String> columns, List<Map<String, Object>> rows) {
    StringBuilder b = new StringBuilder();
    line(b, columns.stream().map(c -> (Object) c).toList());
    for (Map<String, Object> row : rows) {
      line(b, columns.stream().map(row::get).toList());
    }
    return b.toString();
  }

  private static void line(StringBuilder b, List<Object> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(cell(cells.get(i)));
    }
    b.append("\r\n");
  }

  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
        ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
