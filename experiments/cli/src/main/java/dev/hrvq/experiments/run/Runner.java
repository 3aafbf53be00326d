package dev.hrvq.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hrvq.api.runtime.CheckpointManifest;
import dev.hrvq.api.runtime.Checkpoints;
import dev.hrvq.api.runtime.NonFiniteLossException;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.experiments.cluster.ClusterFault;
import dev.hrvq.experiments.config.ExperimentConfig;
import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.experiments.events.RunEvents;
import dev.hrvq.models.CodebookMaintenance;
import dev.hrvq.models.CompiledVq;
import dev.hrvq.models.Inference;
import dev.hrvq.models.Precision;
import dev.hrvq.models.SingleScaleVq;
import dev.hrvq.models.VqAutoencoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.types.TFloat32;

/**
 * Trains one experiment into a run directory: progress, evaluation on the test split at
 * intervals and at the end, atomic checkpoints, metrics, summary and pictures. Resuming continues
 * from the last checkpoint and reaches the same numbers as an uninterrupted run (batches are a
 * function of the step; logs past the checkpoint are dropped).
 */
public final class Runner {
  /** Checkpoints kept; older ones are deleted. */
  static final int KEEP_CHECKPOINTS = 3;

  private final RunContext ctx;
  private final PrintStream out;
  private final String continueWith;
  private final Towers towers;

  /** @param continueWith the command that resumes this run, printed after Ctrl-C ({@link ResumeHint}) */
  public Runner(RunContext ctx, PrintStream out, String continueWith) {
    this(ctx, out, continueWith, Towers.none());
  }

  /**
   * A run whose steps are split as {@code towers} says; on a cluster, this process is task 0, its
   * server started and every worker answering.
   *
   * @param continueWith the command that resumes this run in one process; the towers' flags are added
   */
  public Runner(RunContext ctx, PrintStream out, String continueWith, Towers towers) {
    this.ctx = ctx;
    this.out = out;
    this.continueWith = continueWith;
    this.towers = towers;
  }

  /** What a finished (or interrupted) run reports. */
  public record Outcome(long steps, boolean interrupted, Evaluation.Result evaluation) {}

  /**
   * Trains, or with {@code resume} continues from the newest intact checkpoint (damaged ones are
   * skipped with a message; with none, the run starts over). Every check runs before anything is
   * written; the directory is locked for the whole run.
   */
  public Outcome run(boolean resume) {
    ExperimentConfig cfg = ctx.config();
    RunDirectory run = ctx.run();
    // The trainer is built first: a model or optimizer that cannot be built is refused before
    // the run directory is touched.
    try (Trainer trainer = ctx.trainer(towers); RunClaim claim = RunClaim.take(run.dir(), run.config())) {
      Optional<Path> last = prepare(run, resume);
      claim.creating(run.config());
      RunDirectory.writeJson(run.config(), towers.record(ctx.savedConfig()));
      VqAutoencoder model = ctx.model();
      CompiledVq vq = new CompiledVq(trainer, model, cfg.evaluation().useAveraged());
      if (last.isPresent()) {
        trainer.restore(last.get());
        out.printf("resuming from %s (step %d)%n", last.get(), trainer.stepCount());
      } else if (resume) {
        out.printf("no intact checkpoint in %s yet: starting over from step 0%n", run.checkpoints());
      }
      // Logs past the restored step (all of them when starting over) were never checkpointed.
      RunDirectory.truncateAfter(run.metrics(), trainer.stepCount());
      RunDirectory.truncateAfter(run.losses(), trainer.stepCount());
      claim.started();
      Batches batches = new Batches(ctx.train(), cfg.data().batchSize(), cfg.seed());
      CodebookMaintenance maintenance = maintenance(trainer, model);
      if (trainer.stepCount() == 0 && cfg.model().quantizer().dataInit()) {
        maintenance.initializeFromData(batches.images(0), batches.batchSize(), cfg.seed());
        out.println("codebooks initialised from the encoder outputs of the first batch");
      }
      return train(trainer, vq, batches, maintenance);
    }
  }

  private Outcome train(Trainer trainer, CompiledVq vq, Batches batches, CodebookMaintenance maintenance) {
    ExperimentConfig cfg = ctx.config();
    RunDirectory run = ctx.run();
    long total = cfg.training().steps();
    Progress progress = new Progress(out, trainer.stepCount(), total);
    Interrupts interrupts = new Interrupts().install();
    TrainingSpeed speed = new TrainingSpeed(trainer.stepCount());
    Evaluation.Result evaluation = null;
    int size = cfg.data().imageSize();
    int channels = ctx.train().c();
    try (RunEvents events = RunEvents.open(run.dir(), trainer.stepCount())) {
      while (trainer.stepCount() < total) {
        long step = trainer.stepCount();
        restartDeadCodes(maintenance, step);
        Map<String, Float> terms;
        try (TFloat32 x = Tensors.of(batches.images(step), batches.batchSize(), size, size, channels)) {
          terms = speed.step(() -> step(trainer, x));
        }
        long done = trainer.stepCount();
        if (done % cfg.training().logEvery() == 0 || done == total) {
          logLosses(run, done, terms);
          events.losses(done, terms);
          progress.report(done, toDoubles(terms));
        }
        if (done % cfg.training().evalEvery() == 0 || done == total) {
          progress.newline();
          evaluation = evaluate(vq, done);
          events.evaluation(done, evaluation.testMse(), evaluation.layers());
        }
        if (done % cfg.training().checkpointEvery() == 0 || done == total) {
          checkpoint(trainer);
        }
        if (interrupts.requested()) {
          progress.newline();
          Path saved = checkpoint(trainer);
          speed.record(run.speed());
          out.printf("interrupted at step %d; checkpoint %s%ncontinue with: %s%n", done, saved,
              continueWith + towers.flags());
          return new Outcome(done, true, evaluation);
        }
      }
      if (evaluation == null) {
        // Resumed after the last step: its evaluation is already in metrics.jsonl.
        evaluation = Evaluation.run(vq, ctx.test());
      }
      speed.record(run.speed());
      events.scalars(trainer.stepCount(), Reports.finish(ctx, vq, evaluation, out));
      events.image("reconstructions", trainer.stepCount(), run.picture("reconstructions"));
      return new Outcome(trainer.stepCount(), false, evaluation);
    } catch (NonFiniteLossException e) {
      progress.newline();
      throw new IllegalStateException(NonFiniteStop.explain(e, run), e);
    } finally {
      interrupts.done();
    }
  }

  /** One step; on a cluster, a TensorFlow error (a lost or frozen worker) stops the run with what to do. */
  private Map<String, Float> step(Trainer trainer, TFloat32 x) {
    try {
      return trainer.step(Map.of("x", x));
    } catch (org.tensorflow.exceptions.TensorFlowException e) {
      if (towers.cluster() == null) {
        throw e;
      }
      Optional<Path> kept = Checkpoints.latest(ctx.run().checkpoints());
      throw new IllegalStateException(ClusterFault.explain(towers.cluster(), e, trainer.stepCount() + 1, kept, continueWith), e);
    }
  }

  /**
   * A run continues in the precision it trained in: {@code precision: auto} may resolve otherwise
   * on another machine, and the steps after a switch would not be the run's own steps.
   */
  static void checkPrecision(Path dir, Precision trained, Precision now, String configured) {
    if (trained != now) {
      throw new IllegalArgumentException("cannot resume " + dir + ": it trained in " + trained.label() + ", and precision \"" + configured
          + "\" is " + now.label() + " on this machine" + (PrecisionChoice.AUTO.equals(configured) ? " (auto picks bf16 only with Intel AMX)" : "")
          + "; resume it where it trained, or with --set precision=" + trained.label());
    }
  }

  /** Checks that this run may use its directory; returns the checkpoint to resume from, if any. */
  private Optional<Path> prepare(RunDirectory run, boolean resume) {
    if (!resume) {
      if (Checkpoints.latest(run.checkpoints()).isPresent()) {
        throw new IllegalArgumentException("run directory " + run.dir() + " already has checkpoints; add --resume to continue it, "
            + "or choose another directory with --out");
      }
      return Optional.empty();
    }
    // The config the run was trained with, read once: null for a directory that has none yet.
    JsonNode saved = Files.exists(run.config()) ? RunDirectory.unstamped(RunDirectory.readJson(run.config())) : null;
    if (saved != null) {
      ResumeCheck.check(run.dir(), saved, RunDirectory.unstamped(ctx.savedConfig())).forEach(d -> out.println("resume with a changed " + d));
    }
    List<String> skipped = new java.util.ArrayList<>();
    Optional<Path> intact = Checkpoints.latestIntact(run.checkpoints(), skipped::add);
    if (intact.isEmpty() && !skipped.isEmpty()) {
      // Starting over would prune them: damaged checkpoints are the user's to inspect or remove.
      throw new IllegalArgumentException("cannot resume " + run.dir() + ": every checkpoint is damaged:\n  " + String.join("\n  ", skipped)
          + "\nmove " + run.checkpoints() + " away to start this run over, or train into another --out");
    }
    skipped.forEach(out::println);
    if (intact.isPresent()) {
      CheckpointManifest manifest = Checkpoints.readManifest(intact.get());
      checkSteps(run, manifest.step(), saved);
      checkPrecision(run.dir(), Inference.precisionOf(manifest), ctx.model().precision(), ctx.config().precision());
    }
    return intact;
  }

  /** A resume may extend a run but not shorten it; a decaying schedule is stretched over the new total. */
  private void checkSteps(RunDirectory run, long reached, JsonNode savedConfig) {
    var cfg = ctx.config();
    long total = cfg.training().steps();
    if (reached > total) {
      throw ResumeCheck.shortened(run.dir(), reached, total);
    }
    JsonNode saved = savedConfig == null ? null : savedConfig.path("training").path("steps");
    if (saved != null && !saved.isMissingNode() && saved.asLong() != total && !cfg.optimizer().schedule().equals("constant")) {
      out.printf("note: optimizer.schedule %s now runs over %d steps instead of %d, so the learning rate from step %d on"
          + " differs from the first run's%n", cfg.optimizer().schedule(), total, saved.asLong(), reached);
    }
  }

  private CodebookMaintenance maintenance(Trainer trainer, VqAutoencoder model) {
    var q = ctx.config().model().quantizer();
    boolean needed = q.dataInit() || q.deadCodeRestart() != null;
    return needed && model instanceof SingleScaleVq single ? new CodebookMaintenance(trainer, single) : null;
  }

  private void restartDeadCodes(CodebookMaintenance maintenance, long step) {
    var restart = ctx.config().model().quantizer().deadCodeRestart();
    if (maintenance == null || restart == null || step == 0 || step % restart.interval() != 0) {
      return;
    }
    Dataset train = ctx.train();
    int n = Math.min(restart.images(), train.n());
    int[] order = train.epochOrder(ctx.config().seed() + step);
    int[] indices = java.util.Arrays.copyOf(order, n);
    int[] restarted = maintenance.restartDeadCodes(train.batch(indices), n, ctx.config().seed() + step);
    out.printf("%nstep %d: restarted dead codes per layer %s%n", step, java.util.Arrays.toString(restarted));
  }

  private Evaluation.Result evaluate(CompiledVq vq, long step) {
    // The last pass keeps its reconstructions for the FID of evaluation.fid.
    boolean last = step == ctx.config().training().steps();
    Evaluation.Result r = Evaluation.run(vq, ctx.test(), last && ctx.config().evaluation().fid());
    ObjectNode line = RunDirectory.JSON.createObjectNode();
    line.put("step", step);
    line.put("test_mse", r.testMse());
    List<JsonNode> losses = RunDirectory.readLines(ctx.run().losses());
    if (!losses.isEmpty()) {
      line.set("train", losses.get(losses.size() - 1));
    }
    line.set("codebooks", RunDirectory.JSON.valueToTree(r.layers().stream().map(dev.hrvq.quantize.LayerHealth::figures).toList()));
    RunDirectory.appendLine(ctx.run().metrics(), line);
    // Short enough for 80 columns with three layers; every figure is in metrics.jsonl.
    StringBuilder health = new StringBuilder();
    r.layers().forEach(h -> health.append(String.format(" %sl%d %.0f%%/%.1f", h.codes().equals("codes") ? "" : h.codes() + "/",
        h.layer(), 100 * h.usage(), h.perplexity())));
    out.printf("eval at step %d: test MSE %.5f; usage/perplexity%s%n", step, r.testMse(), health);
    return r;
  }

  private static void logLosses(RunDirectory run, long step, Map<String, Float> terms) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("step", step);
    line.putAll(terms);
    RunDirectory.appendLine(run.losses(), line);
  }

  private Path checkpoint(Trainer trainer) {
    Path saved = trainer.save(ctx.run().checkpoints());
    try {
      Checkpoints.prune(ctx.run().checkpoints(), KEEP_CHECKPOINTS);
    } catch (IOException e) {
      out.println("warning: could not delete old checkpoints: " + e.getMessage());
    }
    return saved;
  }

  private static Map<String, Double> toDoubles(Map<String, Float> terms) {
    Map<String, Double> out = new LinkedHashMap<>();
    terms.forEach((k, v) -> {
      if (!k.startsWith("usage")) {
        out.put(k, (double) v);
      }
    });
    return out;
  }
}
