package dev.hrvq.api.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The JSON written next to each checkpoint: what it holds (variable names and shapes), the step it
 * was taken at, the hash of the config that produced it, the size and CRC32C of every file of the
 * tensor bundle, and the loss terms of the last step before it was saved. Restoring checks it
 * first, so a checkpoint of another model, or one whose files were truncated or altered, fails
 * with a readable message naming the folder instead of a native error.
 *
 * @param files bundle file name to its size and checksum; null in checkpoints written before
 *     files were recorded (those are restored unchecked)
 * @param lastTerms the loss terms of the step before the save (empty before the first step, null in
 *     older checkpoints): tells a diverged checkpoint from a sane one without reading its tensors
 * @param model what built the variables, as JSON (the architecture and quantizer of an hrvq model;
 *     {@link Trainer.Builder#optModel}), so a checkpoint folder alone is enough to rebuild it; null
 *     when the trainer was given none
 */
public record CheckpointManifest(String format, long step, String configHash, SortedMap<String, long[]> variables,
    SortedMap<String, FileRecord> files, Map<String, Float> lastTerms, Map<String, Object> model) {

  public static final String FORMAT = "hrvq-checkpoint-v1";

  /** One file of the bundle: its length in bytes and its CRC32C in lower-case hex. */
  public record FileRecord(long bytes, String crc32c) {}

  public CheckpointManifest {
    variables = new TreeMap<>(variables);
    files = files == null ? null : new TreeMap<>(files);
    lastTerms = lastTerms == null ? null : Map.copyOf(lastTerms);
    model = model == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(model));
  }

  /**
   * Every way the weights this graph expects ({@code names} mapped to the manifest names they are
   * read from) differ from this manifest; variables the manifest has beyond them (optimizer slots,
   * averages) are fine.
   */
  List<String> weightDifferencesFrom(Map<String, long[]> expected, java.util.function.UnaryOperator<String> sourceName) {
    List<String> out = new ArrayList<>();
    expected.forEach((name, shape) -> {
      long[] found = variables.get(sourceName.apply(name));
      if (found == null) {
        out.add("missing variable '" + sourceName.apply(name) + "' " + Arrays.toString(shape));
      } else if (!Arrays.equals(found, shape)) {
        out.add("variable '" + sourceName.apply(name) + "' has shape " + Arrays.toString(found) + " in the checkpoint but "
            + Arrays.toString(shape) + " in this model");
      }
    });
    return out;
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
