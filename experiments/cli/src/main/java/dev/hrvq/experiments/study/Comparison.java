package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.run.RunDirectory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs side by side: the config keys whose values differ between them (the name, description and
 * output folder aside), then each run's {@link RunFigures#columns() figures}, one row per run.
 */
public final class Comparison {
  /** Keys that differ between any two runs of a study and say nothing about the model. */
  static final Set<String> IGNORED = Set.of("name", "description", "output.dir");

  private final List<RunFigures> runs;
  private final List<String> differingKeys;
  private final List<Map<String, Object>> rows;
  private final List<String> columns;

  public Comparison(List<RunFigures> runs) {
    this.runs = List.copyOf(runs);
    List<Map<String, String>> flats = this.runs.stream().map(r -> flatten(RunDirectory.unstamped(r.config()))).toList();
    this.differingKeys = differingKeys(flats);
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (int i = 0; i < this.runs.size(); i++) {
      RunFigures r = this.runs.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("run", r.name());
      Map<String, String> flat = flats.get(i);
      differingKeys.forEach(k -> row.put(k, flat.get(k)));
      row.putAll(r.columns());
      row.put("dir", r.dir().toString());
      rows.add(row);
      columns.addAll(row.keySet());
    }
    this.rows = List.copyOf(rows);
    this.columns = List.copyOf(columns);
  }

  public List<RunFigures> runs() {
    return runs;
  }

  /** Config paths whose values are not the same in every run (absent counts as a value), in sorted order. */
  public List<String> differingKeys() {
    return differingKeys;
  }

  /** One row per run: {@code run}, each differing key, then the figures, then {@code dir}. */
  public List<Map<String, Object>> rows() {
    return rows;
  }

  /** Every column of every row, in first-seen order. */
  public List<String> columns() {
    return columns;
  }

  private static List<String> differingKeys(List<Map<String, String>> flats) {
    Set<String> keys = new java.util.TreeSet<>();
    flats.forEach(f -> keys.addAll(f.keySet()));
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      if (!IGNORED.contains(k) && flats.stream().map(f -> f.get(k)).distinct().count() > 1) {
        out.add(k);
      }
    }
    return out;
  }

  /** Leaf values by dotted path (arrays as JSON text, strings bare). */
  static Map<String, String> flatten(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    flatten("", node, out);
    return out;
  }

  private static void flatten(String path, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      node.properties().forEach(e -> flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out));
    } else {
      out.put(path, Objects.requireNonNull(SweepRun.text(node)));
    }
  }
}
