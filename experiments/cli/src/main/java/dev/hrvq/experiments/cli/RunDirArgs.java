package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.experiments.run.RunDirectory;
import dev.hrvq.models.Inference;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The run a command reads ({@code RUN_DIR}) and which of its checkpoints ({@code --checkpoint}); a picocli mixin. */
public final class RunDirArgs {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by `hrvq run`.")
  Path dir;

  @Option(names = "--checkpoint", paramLabel = "NAME",
      description = "Which checkpoint of the run, e.g. ckpt-00000200 (default: the latest; `hrvq inspect` lists them).")
  String checkpoint;

  /**
   * The chosen checkpoint of a VQ run opened for inference (no data set, no optimizer); a prior run,
   * a damaged or missing checkpoint is an error naming it.
   */
  Inference openInference() {
    RunDirectory run = new RunDirectory(dir);
    RunDirectory.requireKind(dir, RunDirectory.readJson(run.config()), RunDirectory.Kind.VQ);
    return Inference.open(OpenedRun.chosen(run, checkpoint));
  }
}
