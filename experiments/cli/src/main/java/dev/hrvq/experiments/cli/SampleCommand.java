package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.prior.PriorSession;
import dev.hrvq.experiments.output.OutputTarget;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrvq sample PRIOR_RUN_DIR --n 64}: ancestral samples from a trained prior, as a PNG grid and codes. */
@Command(name = "sample", mixinStandardHelpOptions = true, description = "Sample images from a trained prior run: PNG grid, codes, and the time it took.")
public final class SampleCommand implements Callable<Integer> {
  static final String OUTPUT = "sample";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PRIOR_RUN_DIR", description = "A run directory written by `hrvq run PRIOR_CONFIG`.")
  Path dir;

  /** The range of sampling.temperature in prior.schema.json (a test checks that they agree). */
  @Range(min = 0.01, max = 100)
  @Option(names = "--temperature", description = "Softmax temperature, 0.01 to 100 (default: the config's sampling.temperature).")
  Float temperature;

  /** The range of sampling.samples in prior.schema.json. */
  @Range(min = 1, max = 100000)
  @Option(names = "--n", defaultValue = "64", description = "How many images, 1 to 100000 (default ${DEFAULT-VALUE}).")
  int n;

  @Range(min = 0, max = 9007199254740991L)
  @Option(names = "--seed", defaultValue = "1", description = "Sampling seed, 0 to 2^53-1 (default ${DEFAULT-VALUE}).")
  long seed;

  @Mixin ForceOption force;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for samples.png and samples-codes.json (default PRIOR_RUN_DIR/samples); "
      + "must not exist, or be an earlier output of sample (with --force).")
  Path out;

  @Override
  public Integer call() {
    OutputTarget target = OutputTarget.folder(out != null ? out : dir.resolve("samples"), OUTPUT, force.force);
    try (PriorSession session = PriorSession.open(dir, DataSets.fromEnvironment())) {
      float t = temperature != null ? temperature : session.config().sampling().temperature();
      PriorSession.Sampled s = session.sample(n, t, seed);
      target.write(force.force, at -> {
        java.nio.file.Files.createDirectories(at);
        session.write(at, s, n);
      });
      spec.commandLine().getOut().printf("sampled %d images in %.1f s (temperature %.2f, seed %d); wrote %s%n", n, s.seconds(), t, seed,
          target.path().resolve("samples.png"));
      return 0;
    }
  }
}
