package dev.hrvq.experiments.cli;

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
}
