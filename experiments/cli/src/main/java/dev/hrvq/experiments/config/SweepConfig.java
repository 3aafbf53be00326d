package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A sweep file, resolved: paths made absolute against the file's folder, defaults filled in.
 * Override maps keep the file's key order (dotted config paths to JSON values).
 *
 * @param grid each swept path with its values; every combination is a point, the first key varying slowest
 * @param variants override sets, each crossed with every grid combination
 * @param prior a prior config trained over each point's run, or null
 */
public record SweepConfig(String name, String description, Path file, Path base, Map<String, JsonNode> set,
    Map<String, List<JsonNode>> grid, List<Map<String, JsonNode>> variants, List<Long> seeds, Path prior,
    List<Plot> plots, String outputDir) {

  /** One plot: {@code metric} (a results column) against the config value at {@code x}, a line per value at {@code group}. */
  public record Plot(String metric, String x, String group) {}

  /** The folder of this sweep: {@code output.dir/name}. */
  public Path folder() {
    return Path.of(outputDir, name);
  }
}
