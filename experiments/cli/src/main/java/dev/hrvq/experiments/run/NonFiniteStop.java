package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.api.runtime.CheckpointManifest;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.api.runtime.NonFiniteLossException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run stopped by a non-finite loss tells the user: every non-finite term and the step, what
 * the logs hold past the last checkpoint, and whether the kept checkpoints had already diverged.
 * A checkpoint counts as diverged when its last loss is not finite or above {@link #DIVERGED}
 * times the first logged loss (an almost untrained model's loss: a sane run only goes below it).
 */
final class NonFiniteStop {
  static final double DIVERGED = 10;

  private NonFiniteStop() {}

  static String explain(NonFiniteLossException e, RunDirectory run) {
    StringBuilder s = new StringBuilder(e.getMessage());
    List<JsonNode> losses = RunDirectory.readLines(run.losses());
    List<Path> kept = Checkpoints.all(run.checkpoints());
    long lastLogged = losses.isEmpty() ? 0 : losses.get(losses.size() - 1).path("step").asLong();
    long checkpointStep = kept.isEmpty() ? 0 : Checkpoints.readManifest(kept.get(0)).step();
    if (kept.isEmpty()) {
      s.append("\nno checkpoint was written before step ").append(e.step());
    } else {
      s.append("\nthe last checkpoint is ").append(kept.get(0)).append(" (step ").append(checkpointStep).append(")");
    }
    if (lastLogged > checkpointStep) {
      s.append("; ").append(run.losses().getFileName()).append(" holds logged steps up to ").append(lastLogged)
          .append(", after it: they show the way to the divergence, and --resume drops them");
    } else {
      s.append("; nothing was logged after it");
    }
    if (losses.isEmpty() || kept.isEmpty()) {
      return s.toString();
    }
    double reference = losses.get(0).path("loss").asDouble();
    long referenceStep = losses.get(0).path("step").asLong();
    Optional<Float> lastLoss = lossOf(kept.get(0));
    if (lastLoss.isPresent() && diverged(lastLoss.get(), reference)) {
      s.append(String.format("%nthat checkpoint had already diverged: loss %.4g there, against %.4g at step %d", lastLoss.get(), reference,
          referenceStep));
      Optional<Path> sane = kept.stream().filter(p -> lossOf(p).map(l -> !diverged(l, reference)).orElse(false)).findFirst();
      s.append(sane.map(p -> "; the newest sane one is " + p.getFileName() + " (loss " + String.format("%.4g", lossOf(p).get())
          + "): pass --checkpoint " + p.getFileName() + " to eval, export or reconstruct").orElse("; no kept checkpoint is sane"));
    }
    s.append("\nresuming with the same config diverges again at the same step: lower optimizer.learning_rate (or add "
        + "optimizer.warmup_steps) and train into another --out");
    return s.toString();
  }

  private static boolean diverged(float loss, double reference) {
    return !Float.isFinite(loss) || loss > DIVERGED * reference;
  }

  /** The total loss of the step before a checkpoint, from its manifest (absent in older checkpoints). */
  private static Optional<Float> lossOf(Path checkpoint) {
    CheckpointManifest m = Checkpoints.readManifest(checkpoint);
    Map<String, Float> terms = m.lastTerms();
    return terms == null || !terms.containsKey("loss") ? Optional.empty() : Optional.of(terms.get("loss"));
  }
}
