package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.config.ResolvedConfig;
import dev.hrvq.experiments.config.SweepConfig;
import dev.hrvq.experiments.config.SweepConfigLoader;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.study.SweepRun;
import dev.hrvq.experiments.study.SweepRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrvq sweep SWEEP.json}: trains every point of a sweep (skipping finished ones), then tabulates and plots them. */
@Command(name = "sweep", mixinStandardHelpOptions = true, description = "Run a sweep: a base config over a grid and/or variants and "
    + "seeds, one run directory per point; rerunning continues it (finished points skipped, interrupted ones resumed). "
    + "Writes results.csv, results.json and plots into the sweep folder.")
public final class SweepCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "SWEEP", description = "A sweep JSON, e.g. experiment-configs/sweep-quickstart-codewords.json")
  Path file;

  @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: output.dir/name from the sweep file).")
  Path out;

  @Option(names = "--dry-run", description = "Check every point's config and list the points; train nothing.")
  boolean dryRun;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one config key of every point, after the sweep's "
      + "own set (e.g. --set training.steps=20000 for a larger budget); a key the grid or variants sweep is refused. Repeatable.")
  List<String> set = new ArrayList<>();

  @Option(names = "--prior-set", paramLabel = "PATH=VALUE", description = "Override one key of every point's prior config, after the "
      + "sweep's prior_set (e.g. --prior-set training.steps=20000). Repeatable.")
  List<String> priorSet = new ArrayList<>();

  @Override
  public Integer call() {
    PrintStream stdout = Main.printStream(spec.commandLine().getOut());
    try {
      SweepConfig sweep = SweepConfigLoader.load(file, set, priorSet);
      Path folder = out != null ? out : sweep.folder();
      DataSets data = DataSets.fromEnvironment();
      SweepRunner runner = new SweepRunner(sweep, folder, data, stdout, VersionCommand.version());
      List<ResolvedConfig> configs = runner.resolveAll();
      if (dryRun) {
        stdout.printf("sweep %s: %d points -> %s%n", sweep.name(), runner.runs().size(), folder);
        for (SweepRun r : runner.runs()) {
          stdout.printf("  %3d  %s  (--set %s)%n", r.index() + 1, r.id(), String.join(" --set ", r.overrides()));
        }
        return 0;
      }
      configs.stream().map(c -> c.config().data().dataset()).distinct().forEach(d -> RunCommand.installIfMissing(d, data, stdout));
      return switch (runner.run(configs)) {
        case DONE -> 0;
        case INTERRUPTED -> RunCommand.INTERRUPTED;
        case FAILED -> 1;
      };
    } finally {
      stdout.flush();
    }
  }
}
