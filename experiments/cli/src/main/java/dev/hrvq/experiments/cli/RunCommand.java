package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.cluster.ClusterFile;
import dev.hrvq.experiments.cluster.TaskProbe;
import dev.hrvq.experiments.cluster.TaskServer;
import dev.hrvq.experiments.config.ConfigLoader;
import dev.hrvq.experiments.config.PriorConfigLoader;
import dev.hrvq.experiments.prior.PriorRunner;
import dev.hrvq.experiments.config.ResolvedConfig;
import dev.hrvq.experiments.config.SweepConfigLoader;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.data.Installer;
import dev.hrvq.experiments.run.ResumeHint;
import dev.hrvq.experiments.run.RunContext;
import dev.hrvq.experiments.run.Runner;
import dev.hrvq.experiments.run.Towers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrvq run CONFIG [--out DIR] [--resume] [--set PATH=VALUE]...}: trains an experiment into a run directory. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Train an experiment (or a prior config: a PixelCNN over a trained run's codes) into a run directory.")
public final class RunCommand implements Callable<Integer> {
  /** Exit code after Ctrl-C (128 + SIGINT), with a usable checkpoint written. */
  static final int INTERRUPTED = 130;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "CONFIG", description = "An experiment JSON, e.g. experiment-configs/quickstart.json")
  Path config;

  @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: output.dir/name from the config).")
  Path out;

  @Option(names = "--resume", description = "Continue from the run directory's last checkpoint; a larger training.steps "
      + "extends the run (the keys that may change on resume are listed in the README).")
  boolean resume;

  @Option(names = "--set", paramLabel = "PATH=VALUE", description = "Override one config key, e.g. --set model.quantizer.codewords=8 "
      + "--set seed=3; checked like the file. VALUE is JSON when it parses, else text. Repeatable; recorded in config.json.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--cluster", paramLabel = "FILE", description = "Train on a cluster as its chief (task 0): every step split across "
      + "the tasks of FILE, whose workers run ./hrvq worker --cluster FILE --task N. See the README, \"Several machines\".")
  Path cluster;

  @Option(names = "--allow-remote", description = "With --cluster: accept addresses outside the loopback range (the servers are "
      + "unauthenticated: firewall their ports).")
  boolean allowRemote;

  @Option(names = "--devices", paramLabel = "LIST", split = ",", description = "Split every step across these devices of this process, "
      + "one tower each, e.g. /device:GPU:0,/device:GPU:1 (several GPUs); same numbers as one device.")
  List<String> devices = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    java.io.PrintStream stdout = Main.printStream(spec.commandLine().getOut());
    try {
      return train(stdout);
    } finally {
      stdout.flush();
    }
  }

  /**
   * Installs a missing data set before training: every one installs without root (npm, or Debian
   * packages unpacked into HRVQ_DATA), so a first run needs nothing but the command.
   */
  static void installIfMissing(String dataset, DataSets data, java.io.PrintStream out) {
    if (DataSets.NAMES.contains(dataset) && !data.isInstalled(dataset)) {
      out.println(dataset + " is not installed yet; installing it into " + data.locations().dataRoot() + " ...");
      new Installer(data.locations(), out).install(dataset);
    }
  }

  private int train(java.io.PrintStream stdout) throws InterruptedException {
    if (SweepConfigLoader.isSweep(config)) {
      throw new IllegalArgumentException(config + " is a sweep file (it has a \"base\" config); run it with ./hrvq sweep " + config);
    }
    if (cluster == null && allowRemote) {
      throw new IllegalArgumentException("--allow-remote applies to --cluster FILE only");
    }
    if (cluster != null && !devices.isEmpty()) {
      throw new IllegalArgumentException("--devices and --cluster both split the steps: give one (a cluster's towers are its tasks)");
    }
    if (ConfigLoader.isPrior(config, overrides)) {
      if (cluster != null || !devices.isEmpty()) {
        throw new IllegalArgumentException((cluster != null ? "--cluster" : "--devices") + " trains experiments (VQ models); a prior config "
            + "trains in one piece: drop it");
      }
      var prior = PriorConfigLoader.resolve(config, overrides);
      Path dir = out != null ? out : Path.of(prior.config().output().dir(), prior.config().name());
      stdout.printf("prior %s over %s -> %s%n", prior.config().name(), prior.config().prior().run(), dir);
      boolean done = new PriorRunner(prior, dir, DataSets.fromEnvironment(), stdout, ResumeHint.run(config, overrides, dir)).run(resume, VersionCommand.version());
      return done ? 0 : INTERRUPTED;
    }
    ResolvedConfig resolved = ConfigLoader.resolve(config, overrides);
    ClusterFile tasks = cluster == null ? null : ClusterFile.read(cluster, allowRemote);
    Towers towers = tasks != null ? Towers.onCluster(tasks) : devices.isEmpty() ? Towers.none() : Towers.onDevices(devices, SelfcheckCommand::deviceNames);
    var cfg = resolved.config();
    Path dir = out != null ? out : Path.of(cfg.output().dir(), cfg.name());
    DataSets data = DataSets.fromEnvironment();
    String dataset = cfg.data().dataset();
    installIfMissing(dataset, data, stdout);
    stdout.printf("run %s: %s on %s, %d steps -> %s%n", cfg.name(), cfg.model().kind(), dataset, cfg.training().steps(), dir);
    RunContext ctx = RunContext.create(resolved, VersionCommand.version(), dir, data);
    if (tasks != null) {
      TaskServer.start(tasks, 0);
      stdout.printf("chief (task 0 of %d) on %s; each step split across %d towers%n", tasks.tasks(), tasks.workers().get(0), tasks.tasks());
      TaskProbe.awaitWorkers(tasks, tasks.idleTimeout(), stdout);
    }
    Runner.Outcome outcome = new Runner(ctx, stdout, ResumeHint.run(config, overrides, dir), towers).run(resume);
    return outcome.interrupted() ? INTERRUPTED : 0;
  }
}
