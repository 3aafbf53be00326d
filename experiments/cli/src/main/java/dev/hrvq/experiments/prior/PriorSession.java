package dev.hrvq.experiments.prior;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.config.PriorConfig;
import dev.hrvq.experiments.config.PriorConfigLoader;
import dev.hrvq.experiments.data.DataSets;
import dev.hrvq.experiments.run.OpenedRun;
import dev.hrvq.experiments.run.RunDirectory;
import java.nio.file.Path;
import java.util.Map;

/** A trained prior run reopened with its VQ run, for {@code hrvq sample}. */
public final class PriorSession implements AutoCloseable {
  private final PriorConfig config;
  private final OpenedRun vq;
  private final PriorStack stack;

  private PriorSession(PriorConfig config, OpenedRun vq, PriorStack stack) {
    this.config = config;
    this.vq = vq;
    this.stack = stack;
  }

  public static PriorSession open(Path priorDir, DataSets data) {
    JsonNode saved = RunDirectory.readJson(new RunDirectory(priorDir).config());
    RunDirectory.requireKind(priorDir, saved, RunDirectory.Kind.PRIOR);
    var resolved = RunDirectory.unstamped(saved);
    PriorConfig cfg = PriorConfigLoader.fromResolvedJson(resolved, priorDir.resolve("config.json").toString());
    OpenedRun vq = OpenedRun.open(Path.of(cfg.prior().run()), data);
    try {
      int labels = PriorRunner.labelCount(cfg, vq.context().train());
      PriorStack stack = new PriorStack(cfg, saved.path(RunDirectory.HASH).asText(), priorDir, vq.context().model(), labels);
      stack.restoreAll();
      return new PriorSession(cfg, vq, stack);
    } catch (RuntimeException e) {
      vq.close();
      throw e;
    }
  }

  public PriorConfig config() {
    return config;
  }

  /** Samples {@code n} code maps and decodes them; returns the images. */
  public Sampled sample(int n, float temperature, long seed) {
    long start = System.nanoTime();
    Map<String, long[]> codes = stack.sample(n, temperature, seed);
    float[] images = vq.model().decode(codes, n, vq.context().model().allLayers());
    return new Sampled(codes, images, (System.nanoTime() - start) / 1e9);
  }

  /** Sampled code maps, their images, and the seconds sampling and decoding took. */
  public record Sampled(Map<String, long[]> codes, float[] images, double seconds) {}

  /** Writes {@code samples.png}-style output (grid and codes) into {@code dir}. */
  public void write(Path dir, Sampled s, int n) {
    Sampling.write(dir, s.images(), n, vq.context().test(), s.codes());
  }

  @Override
  public void close() {
    stack.close();
    vq.close();
  }
}
