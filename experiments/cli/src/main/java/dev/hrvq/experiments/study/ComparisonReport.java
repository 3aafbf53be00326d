package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hrvq.experiments.report.RunCurves;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code compare} writes: the table three ways and the curves of the VQ runs overlaid. */
public final class ComparisonReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ComparisonReport() {}

  /**
   * The table as Markdown, one column per run and one row per key (runs side by side read down a
   * terminal better than 20 columns across), figures rounded for reading; the CSV and JSON keep
   * every digit, one row per run.
   */
  public static String table(Comparison c) {
    List<Map<String, Object>> runs = c.rows();
    List<String> header = new java.util.ArrayList<>(List.of(""));
    for (Map<String, Object> r : runs) {
      String name = String.valueOf(r.get("run"));
      // Two runs of one name (e.g. seeds trained under --out) still get a column each.
      header.add(header.contains(name) ? name + " (" + header.size() + ")" : name);
    }
    List<Map<String, Object>> lines = new java.util.ArrayList<>();
    for (String key : c.columns()) {
      if (key.equals("run") || key.equals("dir")) {
        continue;
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("", key);
      for (int i = 0; i < runs.size(); i++) {
        line.put(header.get(i + 1), runs.get(i).get(key));
      }
      lines.add(line);
    }
    return TextTable.markdown(header, lines);
  }

  /** Writes compare.md, compare.csv, compare.json, test_mse.png and codebook_usage.png into {@code folder} (created). */
  public static void write(Comparison c, Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("compare.md"), table(c), StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("compare.csv"), Csv.write(c.columns(), c.rows()), StandardCharsets.UTF_8);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("differing_keys", c.differingKeys());
    doc.put("columns", c.columns());
    doc.put("rows", c.rows());
    JSON.writeValue(folder.resolve("compare.json").toFile(), doc);
    Map<String, double[][]> mse = new LinkedHashMap<>();
    Map<String, List<double[][]>> usage = new LinkedHashMap<>();
    for (RunFigures r : c.runs()) {
      double[][] curve = r.testMseCurve();
      if (curve.length > 0) {
        mse.put(label(r, mse), curve);
        usage.put(label(r, usage), r.usageCurves());
      }
    }
    if (!mse.isEmpty()) {
      RunCurves.write(folder.resolve("test_mse.png"), "test MSE by step", "test MSE", mse, true);
      RunCurves.perLayer(folder.resolve("codebook_usage.png"), "share of codes used by step", "codes used", usage, false);
    }
  }

  /** The run's name, made unique among those already in {@code taken} by its folder. */
  private static String label(RunFigures r, Map<String, ?> taken) {
    return taken.containsKey(r.name()) ? r.name() + " (" + r.dir() + ")" : r.name();
  }
}
