package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.output.OutputTarget;
import dev.hrvq.experiments.study.Comparison;
import dev.hrvq.experiments.study.ComparisonReport;
import dev.hrvq.experiments.study.RunFigures;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrvq compare RUN_DIR...}: finished runs side by side, as a table and overlaid curves. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Put finished runs side by side: the config keys that differ, "
    + "test MSE, codes used and perplexity per layer, bits per position, steps/s; writes the table (Markdown, CSV, JSON) and "
    + "overlaid curves (test MSE and codebook usage by step) into a folder.")
public final class CompareCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Run directories (VQ runs or priors), two or more in all; "
      + "a sweep folder stands for its finished points.")
  List<Path> dirs;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the table and curves (default: runs/compare).")
  Path out = Path.of("runs", "compare");

  @Mixin ForceOption force;

  @Override
  public Integer call() {
    List<Path> runs = RunFigures.expandSweeps(dirs);
    if (runs.size() < 2) {
      throw new CommandLine.ParameterException(spec.commandLine(), "compare needs two or more finished runs; got " + runs.size()
          + " from " + dirs);
    }
    Comparison comparison = new Comparison(runs.stream().map(RunFigures::read).toList());
    OutputTarget target = OutputTarget.folder(out, "compare", force.force);
    String table = ComparisonReport.table(comparison);
    spec.commandLine().getOut().print(table);
    target.write(force.force, at -> ComparisonReport.write(comparison, at));
    spec.commandLine().getOut().printf("wrote %s (compare.md, compare.csv, compare.json, test_mse.png, codebook_usage.png)%n", target.path());
    return 0;
  }
}
