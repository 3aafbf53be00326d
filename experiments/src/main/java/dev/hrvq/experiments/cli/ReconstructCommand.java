package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.experiments.run.Pictures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hrvq reconstruct RUN_DIR --images N}: a PNG grid of test images and their
 * reconstructions through all layers, layers 2..n and layer n only (the paper's Fig. 1).
 */
@Command(name = "reconstruct", description = "Write a PNG grid: originals, and reconstructions through all layers, layers 2..n, layer n only.")
public final class ReconstructCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run directory written by `hrvq run`.")
  Path dir;

  @Option(names = "--images", defaultValue = "16", description = "How many test images (default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--out", paramLabel = "PNG", description = "Output file (default RUN_DIR/reconstruct.png).")
  Path png;

  @Override
  public Integer call() {
    if (images < 1) {
      throw new IllegalArgumentException("--images must be at least 1, got " + images);
    }
    try (OpenedRun run = OpenedRun.open(dir, DataSets.fromEnvironment())) {
      int n = Math.min(images, run.context().test().n());
      Path written = Pictures.reconstructions(run.context().test(), run.model(), n, png != null ? png : dir.resolve("reconstruct.png"));
      spec.commandLine().getOut().println("wrote " + written);
      return 0;
    }
  }
}
