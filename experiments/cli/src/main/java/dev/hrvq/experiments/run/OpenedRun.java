package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.config.ExperimentConfig;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.models.CompiledVq;
import java.nio.file.Path;

/**
 * A finished (or checkpointed) run reopened from its directory: the config it saved, its data,
 * and a trainer restored from its latest checkpoint. For {@code eval}, {@code reconstruct},
 * {@code export}.
 */
public final class OpenedRun implements AutoCloseable {
  private final RunContext ctx;
  private final Trainer trainer;
  private final CompiledVq vq;
  private final Path checkpoint;

  private OpenedRun(RunContext ctx, Trainer trainer, Path checkpoint) {
    this.ctx = ctx;
    this.trainer = trainer;
    this.checkpoint = checkpoint;
    this.vq = new CompiledVq(trainer, ctx.model(), ctx.config().evaluation().useAveraged());
  }

  /** The run in {@code dir} at its latest checkpoint. */
  public static OpenedRun open(Path dir, DataSets data) {
    return open(dir, null, data);
  }

  /**
   * The run in {@code dir} at the checkpoint named {@code checkpointName} ({@code ckpt-00000200}),
   * or at its latest when null. A damaged checkpoint is an error naming it and the intact ones.
   */
  public static OpenedRun open(Path dir, String checkpointName, DataSets data) {
    RunDirectory run = new RunDirectory(dir);
    ObjectNode saved = (ObjectNode) RunDirectory.readJson(run.config());
    RunDirectory.requireKind(dir, saved, RunDirectory.Kind.VQ);
    String version = saved.path(RunDirectory.VERSION).asText("");
    ObjectNode resolved = RunDirectory.unstamped(saved);
    ExperimentConfig cfg = ConfigLoader.fromResolvedJson(resolved, run.config().toString());
    Path checkpoint = chosen(run, checkpointName);
    RunContext ctx = RunContext.create(cfg, resolved, ConfigLoader.configHash(resolved), version, dir, data);
    Trainer trainer = ctx.trainer();
    try {
      trainer.restore(checkpoint);
    } catch (RuntimeException e) {
      trainer.close();
      throw e;
    }
    return new OpenedRun(ctx, trainer, checkpoint);
  }

  /** The named checkpoint, or the latest one, checked for damage. */
  public static Path chosen(RunDirectory run, String name) {
    Path checkpoint = name != null ? Checkpoints.named(run.checkpoints(), name)
        : Checkpoints.latest(run.checkpoints()).orElseThrow(() -> new IllegalArgumentException(
            "run " + run.dir() + " has no checkpoint yet in " + run.checkpoints() + "; train it with ./hrvq run"));
    Checkpoints.problem(checkpoint).ifPresent(p -> {
      java.util.List<String> intact = Checkpoints.all(run.checkpoints()).stream().filter(c -> Checkpoints.problem(c).isEmpty())
          .map(c -> c.getFileName().toString()).toList();
      throw new IllegalArgumentException("checkpoint " + checkpoint + " is damaged: " + p
          + (intact.isEmpty() ? "; the run has no intact checkpoint" : "; pass --checkpoint NAME to use an intact one: " + String.join(", ", intact)));
    });
    return checkpoint;
  }

  public RunContext context() {
    return ctx;
  }

  public Trainer trainer() {
    return trainer;
  }

  public CompiledVq model() {
    return vq;
  }

  public Path checkpoint() {
    return checkpoint;
  }

  /** The saved config's JSON, for display. */
  public JsonNode savedConfig() {
    return ctx.savedConfig();
  }

  @Override
  public void close() {
    trainer.close();
  }
}
