package dev.hrvq.api.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON written next to each checkpoint: what it holds (variable names and shapes), the step it
 * was taken at, and the hash of the config that produced it. Restoring checks it first, so a
 * checkpoint of another model fails with a readable list of differences instead of a native error.
 */
public record CheckpointManifest(String format, long step, String configHash, SortedMap<String, long[]> variables) {

  public static final String FORMAT = "hrvq-checkpoint-v1";

  public CheckpointManifest {
    variables = new TreeMap<>(variables);
  }

  /** Every way {@code other} (what this graph expects) differs from this manifest (what is on disk). */
  List<String> differencesFrom(Map<String, long[]> expected) {
    List<String> out = new ArrayList<>();
    expected.forEach((name, shape) -> {
      long[] found = variables.get(name);
      if (found == null) {
        out.add("missing variable '" + name + "' " + Arrays.toString(shape));
      } else if (!Arrays.equals(found, shape)) {
        out.add("variable '" + name + "' has shape " + Arrays.toString(found) + " in the checkpoint but "
            + Arrays.toString(shape) + " in this model");
      }
    });
    variables.keySet().stream().filter(n -> !expected.containsKey(n))
        .forEach(n -> out.add("unexpected variable '" + n + "' " + Arrays.toString(variables.get(n))));
    return out;
  }
}
