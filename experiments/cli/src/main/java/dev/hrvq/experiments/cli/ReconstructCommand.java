package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.output.OutputTarget;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.experiments.run.Pictures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code hrvq reconstruct RUN_DIR --images N}: a PNG grid of test images and their
 * reconstructions through all layers, layers 2..n and layer n only (the paper's Fig. 1).
 */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
    description = "Write a PNG grid: originals, and reconstructions through all layers, layers 2..n, layer n only.")
public final class ReconstructCommand implements Callable<Integer> {
  static final String OUTPUT = "reconstruct";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin RunDirArgs run;

  @Mixin ForceOption force;

  @Range(min = 1, max = 1024)
  @Option(names = "--images", defaultValue = "16", description = "How many test images, 1 to 1024 (default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--out", paramLabel = "PNG", description = "Output file (default RUN_DIR/reconstruct.png); must not exist, "
      + "or be an earlier output of reconstruct (with --force).")
  Path png;

  @Override
  public Integer call() {
    OutputTarget out = OutputTarget.file(png != null ? png : run.dir.resolve("reconstruct.png"), OUTPUT, force.force);
    try (OpenedRun opened = OpenedRun.open(run.dir, run.checkpoint, DataSets.fromEnvironment())) {
      int n = Math.min(images, opened.context().test().n());
      Path written = out.write(force.force, at -> Pictures.reconstructions(opened.context().test(), opened.model(), n, at));
      spec.commandLine().getOut().println("wrote " + written);
      return 0;
    }
  }
}
