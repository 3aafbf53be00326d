package dev.hrvq.experiments.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hrvq} command line: one subcommand per task. */
@Command(
    name = "hrvq",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Hierarchical residual vector-quantized autoencoders (HR-VQVAE) on TensorFlow Java.",
    subcommands = {RunCommand.class, EvalCommand.class, ReconstructCommand.class, ExportCommand.class, InspectCommand.class, SampleCommand.class,
        DataCommand.class, BenchCommand.class, VersionCommand.class, SelfcheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line on standard output and error; returns the exit code (non-zero on any error). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line writing to the given streams (tests capture them). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new Main())
        .setOut(out)
        .setErr(err)
        .setExecutionStrategy(parsed -> {
          OptionRanges.check(parsed);
          return new CommandLine.RunLast().execute(parsed);
        })
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
