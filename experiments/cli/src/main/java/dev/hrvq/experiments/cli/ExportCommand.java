package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.output.OutputTarget;
import dev.hrvq.models.Inference;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hrvq export RUN_DIR}: an inference-only SavedModel of a checkpoint (see
 * {@link Inference#exportSavedModel} for its signature). Needs no data set: the checkpoint alone
 * describes the model. Never replaces anything but an earlier export, and that only with
 * {@code --force}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export an inference-only SavedModel (x -> x_hat and codes) of a run's checkpoint; needs no data set.")
public final class ExportCommand implements Callable<Integer> {
  static final String OUTPUT = "export";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunDirArgs run;

  @Mixin ForceOption force;

  @Option(names = "--out", paramLabel = "DIR", description = "SavedModel folder (default RUN_DIR/saved_model); must not exist, "
      + "or be an earlier export (with --force).")
  Path target;

  @Override
  public Integer call() {
    OutputTarget out = OutputTarget.folder(target != null ? target : run.dir.resolve("saved_model"), OUTPUT, force.force);
    try (Inference model = run.openInference()) {
      out.write(force.force, model::exportSavedModel);
      spec.commandLine().getOut().printf("wrote SavedModel %s from %s (signature serving_default: x -> x_hat, %s)%n", out.path(),
          model.checkpoint().getFileName(), String.join(", ", model.model().codeSpecs().keySet()));
      return 0;
    }
  }
}
