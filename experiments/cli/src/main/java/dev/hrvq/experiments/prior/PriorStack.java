package dev.hrvq.experiments.prior;

import dev.hrvq.experiments.config.PriorConfig;
import dev.hrvq.models.PixelCnnPrior;
import dev.hrvq.models.VqAutoencoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One prior per code map of a VQ model, upper level first: HR-VQVAE and VQ-VAE have one map;
 * VQ-VAE-2's lower levels are conditioned on every level above. Sampling draws the top map, then
 * each lower map given the ones drawn above it.
 */
public final class PriorStack implements AutoCloseable {
  private final List<PriorMapRun> maps = new ArrayList<>();
  private final int labels;

  public PriorStack(PriorConfig cfg, String hash, Path runDir, VqAutoencoder model, int labels) {
    this.labels = labels;
    var p = cfg.prior();
    var precision = dev.hrvq.experiments.run.PrecisionChoice.resolve(cfg.precision());
    var sizes = new PixelCnnPrior.Sizes(p.hidden(), p.blocks(), p.kernel(), p.attentionEvery(), p.dropout(), p.embedding());
    List<String> names = new ArrayList<>(model.codeSpecs().keySet());
    Collections.reverse(names);
    List<PixelCnnPrior.Upper> uppers = new ArrayList<>();
    for (String name : names) {
      var shape = model.codeSpecs().get(name).shape();
      long codes = model.codeRanges().get(name);
      PixelCnnPrior prior = new PixelCnnPrior(shape.get(1), shape.get(2), codes, labels, uppers, sizes, precision);
      Path folder = names.size() == 1 ? runDir : runDir.resolve(name);
      maps.add(new PriorMapRun(name, prior, cfg, hash, folder));
      uppers.add(new PixelCnnPrior.Upper(name, shape.get(1), shape.get(2), codes));
    }
  }

  /** The map priors, upper level first. */
  List<PriorMapRun> maps() {
    return maps;
  }

  public int labels() {
    return labels;
  }

  /** Restores every map's latest checkpoint; an untrained map is an error naming it. */
  public void restoreAll() {
    for (PriorMapRun m : maps) {
      if (!m.restoreLatest()) {
        throw new IllegalArgumentException("the prior of code map '" + m.map + "' has no checkpoint in " + m.dir.checkpoints()
            + "; train it with ./hrvq run PRIOR_CONFIG");
      }
    }
  }

  /**
   * {@code n} sampled code maps, by name. With labels, sample {@code i} has class {@code i % labels}.
   */
  public Map<String, long[]> sample(int n, float temperature, long seed) {
    float[] oneHot = null;
    if (labels > 0) {
      int[] classes = new int[n];
      for (int i = 0; i < n; i++) {
        classes[i] = i % labels;
      }
      oneHot = CodeBatches.oneHot(classes, dev.hrvq.experiments.data.Dataset.range(0, n), labels);
    }
    Map<String, long[]> drawn = new LinkedHashMap<>();
    for (PriorMapRun m : maps) {
      drawn.put(m.map, m.sampler().sample(n, oneHot, drawn, temperature, seed + drawn.size()));
    }
    return drawn;
  }

  @Override
  public void close() {
    maps.forEach(PriorMapRun::close);
  }
}
