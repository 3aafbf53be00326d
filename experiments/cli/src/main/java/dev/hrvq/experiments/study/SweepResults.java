package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hrvq.experiments.output.OutputTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep's table: one row per point in point order ({@code point}, {@code seed}, each swept key,
 * {@code status}, then {@link RunFigures#columns()} of the run and of its prior), written as
 * {@code results.csv} and {@code results.json} after every point, so a stopped sweep still has
 * the rows it finished. {@link #TIMING} columns are the only ones that differ between reruns.
 */
public final class SweepResults {
  /** Columns that measure time, not the model: they differ between any two runs of the same point. */
  public static final List<String> TIMING = List.of("steps_per_second", "wall_seconds");
  static final String CSV = "results.csv";
  static final String JSON_FILE = "results.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final String sweep;
  private final List<String> sweptKeys;
  private final Map<Integer, Map<String, Object>> rows = new java.util.TreeMap<>();

  SweepResults(String sweep, List<String> sweptKeys) {
    this.sweep = sweep;
    this.sweptKeys = List.copyOf(sweptKeys);
  }

  /** Records a point's row (replacing an earlier one of the same point). */
  void put(SweepRun run, String status, Map<String, Object> figures) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("point", run.id());
    row.put("seed", run.seed());
    for (String key : sweptKeys) {
      var v = run.swept().get(key);
      row.put(key, v == null ? null : v.isNumber() ? v.numberValue() : SweepRun.text(v));
    }
    row.put("status", status);
    row.putAll(figures);
    rows.put(run.index(), row);
  }

  List<Map<String, Object>> rows() {
    return List.copyOf(rows.values());
  }

  /** Every column of every row, in first-seen order. */
  List<String> columns() {
    Set<String> columns = new LinkedHashSet<>();
    rows.values().forEach(r -> columns.addAll(r.keySet()));
    return new ArrayList<>(columns);
  }

  /**
   * Writes results.csv and results.json into {@code folder}, each whole (temporary file, then
   * rename), and the summary over seeds ({@link SweepSummary}).
   */
  void write(Path folder) {
    List<String> columns = columns();
    writeWhole(folder.resolve(CSV), Csv.write(columns, rows()));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("sweep", sweep);
    doc.put("columns", columns);
    doc.put("timing_columns", TIMING);
    doc.put("rows", rows());
    OutputTarget.file(folder.resolve(JSON_FILE), "sweep", true).write(true, at -> JSON.writeValue(at.toFile(), doc));
    SweepSummary.write(folder, sweep, sweptKeys, rows());
  }

  /**
   * Writes a text file of the sweep folder whole: a temporary file beside it, then a rename, so a
   * reader never sees half of it (the folder is hrvq sweep's; its text files carry no mark).
   */
  static void writeWhole(Path file, String text) {
    try {
      Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
