package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a run directory may be resumed with a config: the saved {@code config.json} and the new
 * resolved config may differ only in keys that do not change what the steps already taken mean.
 * A refusal names every key that differs, with both values.
 *
 * <p>{@link #RESUMABLE}: the name and description, {@code training.steps} (a larger value extends
 * the run; a smaller one than the step reached is refused by the runner), how often to log,
 * evaluate and checkpoint, how many reconstructions the pictures show, whether the finish measures
 * the reconstructions' FID, {@code output.dir} (the run
 * directory is already chosen), a prior's {@code sampling} (it runs again at every finish), and
 * {@code precision} as long as it resolves to the precision the run trained in (the runner checks
 * that against the checkpoint).
 */
public final class ResumeCheck {
  /** Keys (and whole sections, ending in {@code .}) that may differ on resume. */
  public static final List<String> RESUMABLE = List.of("name", "description", "precision", "training.steps", "training.log_every",
      "training.eval_every", "training.checkpoint_every", "evaluation.recon_images", "evaluation.fid", "output.", "sampling.");

  /** One key whose value differs: its dotted path and both values as JSON text ("(absent)" when missing). */
  public record Difference(String path, String saved, String now) {
    @Override
    public String toString() {
      return path + ": " + saved + " -> " + now;
    }
  }

  private ResumeCheck() {}

  /**
   * Checks {@code now} against the resolved config saved in {@code dir}; returns the resumable
   * differences (for the caller to print), or throws naming the others.
   */
  public static List<Difference> check(Path dir, JsonNode saved, JsonNode now) {
    List<Difference> allowed = new ArrayList<>();
    List<Difference> refused = new ArrayList<>();
    for (Difference d : differences(saved, now)) {
      (resumable(d.path()) ? allowed : refused).add(d);
    }
    if (!refused.isEmpty()) {
      StringBuilder m = new StringBuilder("cannot resume " + dir + ": the config differs from the one it was trained with in "
          + (refused.size() == 1 ? "one key" : refused.size() + " keys") + " that may not change on resume:");
      refused.forEach(d -> m.append("\n  ").append(d));
      m.append("\nkeys that may change on resume: ").append(String.join(", ", RESUMABLE).replace(".,", ".*,"))
          .append("\nput the old values back, or train the new config into another --out");
      throw new IllegalArgumentException(m.toString());
    }
    return allowed;
  }

  /** The refusal of a resume whose config has fewer steps than its checkpoint reached (VQ runs and priors alike). */
  public static IllegalArgumentException shortened(Path dir, long reached, long steps) {
    return new IllegalArgumentException("cannot resume " + dir + ": its checkpoint is at step " + reached + ", past training.steps "
        + steps + "; a run cannot be shortened: set training.steps to " + reached + " or more (or evaluate that checkpoint with ./hrvq eval)");
  }

  static boolean resumable(String path) {
    return RESUMABLE.stream().anyMatch(k -> k.endsWith(".") ? path.startsWith(k) : path.equals(k));
  }

  /** Every leaf (scalar or array) that differs, in sorted key order; objects are compared key by key. */
  static List<Difference> differences(JsonNode saved, JsonNode now) {
    List<Difference> out = new ArrayList<>();
    diff("", saved, now, out);
    return out;
  }

  // 800 read from a file and 800 computed may be different node classes (int, long, decimal).
  private static boolean sameValue(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) == 0 : a.equals(b);
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<Difference> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      Set<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
      }
    } else if (a == null || b == null || !sameValue(a, b)) {
      out.add(new Difference(path, a == null ? "(absent)" : a.toString(), b == null ? "(absent)" : b.toString()));
    }
  }
}
