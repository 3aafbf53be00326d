package dev.hrvq.experiments.run;

import dev.hrvq.experiments.data.Dataset;
import dev.hrvq.models.CompiledVq;
import dev.hrvq.models.VqAutoencoder;
import dev.hrvq.quantize.CodebookUsage;
import dev.hrvq.quantize.LayerHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over the test split: mean squared error on the [0, 1] pixel scale, and codebook usage
 * per code map and layer over the whole pass (not one batch).
 */
public final class Evaluation {
  static final int BATCH = 500;

  private Evaluation() {}

  /**
   * The figures of a pass; {@code reconstructions} holds every test image's reconstruction in
   * order when the pass was asked to keep them, else null.
   */
  public record Result(double testMse, long images, List<LayerHealth> layers, float[] reconstructions) {}

  /** A pass that keeps no reconstructions. */
  public static Result run(CompiledVq vq, Dataset test) {
    return run(vq, test, false);
  }

  /** Every test image reconstructed through all layers, in order (for feature distances). */
  public static float[] reconstructAll(CompiledVq vq, Dataset test) {
    return run(vq, test, true).reconstructions();
  }

  /** A pass over {@code test}; {@code keep}: the result holds the reconstructions too. */
  public static Result run(CompiledVq vq, Dataset test, boolean keep) {
    float[] kept = keep ? new float[test.images().length] : null;
    int per = test.h() * test.w() * test.c();
    VqAutoencoder model = vq.model();
    Map<String, CodebookUsage> usage = new LinkedHashMap<>();
    model.codeSpecs().keySet().forEach(name -> usage.put(name, model.newUsage(name)));
    double squaredError = 0;
    for (int start = 0; start < test.n(); start += BATCH) {
      int n = Math.min(BATCH, test.n() - start);
      float[] images = test.batch(Dataset.range(start, n));
      CompiledVq.Reconstruction r = vq.reconstructWithCodes(images, n, model.allLayers());
      float[] recon = r.images();
      if (keep) {
        System.arraycopy(recon, 0, kept, start * per, recon.length);
      }
      for (int i = 0; i < images.length; i++) {
        double d = recon[i] - images[i];
        squaredError += d * d;
      }
      r.codes().forEach((name, codes) -> usage.get(name).add(codes));
    }
    List<LayerHealth> layers = new ArrayList<>();
    usage.forEach((name, u) -> {
      for (int layer = 1; layer <= u.layers(); layer++) {
        layers.add(u.health(name, layer));
      }
    });
    return new Result(squaredError / ((double) test.n() * per), test.n(), layers, kept);
  }
}
