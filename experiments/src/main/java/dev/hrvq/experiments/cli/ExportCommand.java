package dev.hrvq.experiments.cli;

import dev.hrvq.api.runtime.Program;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.models.VqAutoencoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hrvq export RUN_DIR}: an inference-only SavedModel (signature {@code serving_default}:
 * input {@code x}, outputs {@code x_hat} and the code maps) of the latest checkpoint.
 */
@Command(name = "export", description = "Export an inference-only SavedModel (x -> x_hat and codes) of a run's latest checkpoint.")
public final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by `hrvq run`.")
  Path dir;

  @Option(names = "--out", paramLabel = "DIR", description = "SavedModel folder (default RUN_DIR/saved_model).")
  Path target;

  @Override
  public Integer call() {
    try (OpenedRun run = OpenedRun.open(dir, DataSets.fromEnvironment())) {
      VqAutoencoder model = run.context().model();
      Program both = (tf, vars, in) -> {
        Map<String, org.tensorflow.Operand<?>> outputs = new LinkedHashMap<>(model.reconstruct(model.allLayers()).apply(tf, vars, in));
        outputs.putAll(model.encode().apply(tf, vars, in));
        return outputs;
      };
      Path out = target != null ? target : dir.resolve("saved_model");
      run.trainer().exportSavedModel(out, Map.of("x", model.imageSpec()), both, run.context().config().evaluation().useAveraged());
      spec.commandLine().getOut().printf("wrote SavedModel %s (signature serving_default: x -> x_hat, %s)%n", out,
          String.join(", ", model.codeSpecs().keySet()));
      return 0;
    }
  }
}
