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
 * @param set overrides for every point: the file's {@code set}, then the command line's
 * @param prior a prior config trained over each point's run, or null
 * @param priorSeeds the seeds whose points get the prior (all of {@code seeds} unless the file says)
 * @param priorSet overrides for every prior: the file's {@code prior_set}, then the command line's
 * @param commandLine the command line's override flags as given ({@code --set}, {@code PATH=VALUE}, ...), to repeat them
 */
public record SweepConfig(String name, String description, Path file, Path base, Map<String, JsonNode> set,
    Map<String, List<JsonNode>> grid, List<Map<String, JsonNode>> variants, List<Long> seeds, Path prior,
    List<Long> priorSeeds, Map<String, JsonNode> priorSet, List<Plot> plots, String outputDir, List<String> commandLine) {

  /** Whether the point of {@code seed} gets a prior. */
  public boolean hasPrior(long seed) {
    return prior != null && priorSeeds.contains(seed);
  }

  /** One plot: {@code metric} (a results column) against the config value at {@code x}, a line per value at {@code group}. */
  public record Plot(String metric, String x, String group) {}

  /** The folder of this sweep: {@code output.dir/name}. */
  public Path folder() {
    return Path.of(outputDir, name);
  }
}
