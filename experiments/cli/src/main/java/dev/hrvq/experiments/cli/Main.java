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
    subcommands = {RunCommand.class, EvalCommand.class, ReconstructCommand.class, ExportCommand.class, EncodeCommand.class, DecodeCommand.class, InspectCommand.class, SampleCommand.class,
        SweepCommand.class, CompareCommand.class, WorkerCommand.class, DataCommand.class, BenchCommand.class, VersionCommand.class, SelfcheckCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The process's standard output as picocli writes to it; commands that redraw a terminal line check for it. */
  static final PrintWriter STDOUT = new PrintWriter(System.out, true);

  /** Runs the command line on standard output and error; returns the exit code (non-zero on any error). */
  public static int run(String... args) {
    return run(STDOUT, new PrintWriter(System.err, true), args);
  }

  /**
   * A PrintStream for library code that prints progress: standard output itself when the command
   * line writes there (so a terminal is detected), else a stream into the command line's writer.
   */
  static java.io.PrintStream printStream(PrintWriter out) {
    if (out == STDOUT) {
      return System.out;
    }
    java.io.OutputStream bytes = new java.io.ByteArrayOutputStream() {
      @Override
      public synchronized void flush() {
        out.write(toString(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
        reset();
      }
    };
    return new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Runs the command line writing to the given streams (tests capture them). */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    withVersion(commandLine);
    return commandLine
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

  /** Every subcommand's -V prints hrvq's version, as the top level does (picocli does not inherit the provider). */
  private static void withVersion(CommandLine command) {
    command.getCommandSpec().versionProvider(new VersionCommand.Provider());
    command.getSubcommands().values().forEach(Main::withVersion);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
