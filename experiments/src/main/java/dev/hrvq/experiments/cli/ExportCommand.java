package dev.hrvq.experiments.cli;

import dev.hrvq.api.runtime.Program;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.output.OutputTarget;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.models.VqAutoencoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hrvq export RUN_DIR}: an inference-only SavedModel (signature {@code serving_default}:
 * input {@code x}, outputs {@code x_hat} and the code maps) of a checkpoint. Never replaces
 * anything but an earlier export, and that only with {@code --force}.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export an inference-only SavedModel (x -> x_hat and codes) of a run's checkpoint.")
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
    try (OpenedRun opened = OpenedRun.open(run.dir, run.checkpoint, DataSets.fromEnvironment())) {
      VqAutoencoder model = opened.context().model();
      Program both = (tf, vars, in) -> {
        Map<String, org.tensorflow.Operand<?>> outputs = new LinkedHashMap<>(model.reconstruct(model.allLayers()).apply(tf, vars, in));
        outputs.putAll(model.encode().apply(tf, vars, in));
        return outputs;
      };
      out.write(force.force, at -> opened.trainer().exportSavedModel(at, Map.of("x", model.imageSpec()), both,
          opened.context().config().evaluation().useAveraged()));
      spec.commandLine().getOut().printf("wrote SavedModel %s from %s (signature serving_default: x -> x_hat, %s)%n", out.path(),
          opened.checkpoint().getFileName(), String.join(", ", model.codeSpecs().keySet()));
      return 0;
    }
  }
}
