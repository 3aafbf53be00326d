package dev.hrvq.experiments.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hrvq} command line: one subcommand per task. */
@Command(
    name = "hrvq",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Hierarchical residual vector-quantized autoencoders (HR-VQVAE) on TensorFlow Java.",
    subcommands = {VersionCommand.class, SelfcheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (non-zero on any error). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setExecutionExceptionHandler((e, cmd, parsed) -> {
          cmd.getErr().println("hrvq: error: " + e.getMessage());
          return 1;
        })
        .execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
