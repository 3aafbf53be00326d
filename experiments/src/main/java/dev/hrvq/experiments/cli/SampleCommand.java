package dev.hrvq.experiments.cli;

import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.prior.PriorSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hrvq sample PRIOR_RUN_DIR --n 64}: ancestral samples from a trained prior, as a PNG grid and codes. */
@Command(name = "sample", description = "Sample images from a trained prior run: PNG grid, codes, and the time it took.")
public final class SampleCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "PRIOR_RUN_DIR", description = "A run directory written by `hrvq run PRIOR_CONFIG`.")
  Path dir;

  @Option(names = "--n", defaultValue = "64", description = "How many images (default ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--temperature", description = "Softmax temperature (default: the config's sampling.temperature).")
  Float temperature;

  @Option(names = "--seed", defaultValue = "1", description = "Sampling seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for samples.png and samples-codes.json (default PRIOR_RUN_DIR/samples).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (n < 1) {
      throw new IllegalArgumentException("--n must be at least 1, got " + n);
    }
    try (PriorSession session = PriorSession.open(dir, DataSets.fromEnvironment())) {
      float t = temperature != null ? temperature : session.config().sampling().temperature();
      if (!(t > 0)) {
        throw new IllegalArgumentException("--temperature must be positive, got " + t);
      }
      PriorSession.Sampled s = session.sample(n, t, seed);
      Path target = out != null ? out : dir.resolve("samples");
      Files.createDirectories(target);
      session.write(target, s, n);
      spec.commandLine().getOut().printf("sampled %d images in %.1f s (temperature %.2f, seed %d); wrote %s%n", n, s.seconds(), t, seed,
          target.resolve("samples.png"));
      return 0;
    }
  }
}
