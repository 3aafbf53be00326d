package example;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.Inference;
import dev.hrvq.models.ModelKind;
import dev.hrvq.models.ModelSpec;
import dev.hrvq.models.VqAutoencoder;
import dev.hrvq.quantize.HierarchicalQuantizer.Search;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tensorflow.types.TFloat32;

/**
 * hrvq embedded in an application: build an HR-VQVAE, train it a few steps on your own arrays,
 * checkpoint it, then open the checkpoint for inference (no data set, no optimizer): encode,
 * decode through a subset of the layers, reconstruct, export a SavedModel.
 */
public final class EmbedHrvq {
  private EmbedHrvq() {}

  /** What the example computed, for its test. */
  public record Result(long[] codes, float[] images, float[] coarse, float[] full, Path savedModel) {}

  public static void main(String[] args) {
    Result r = run(Path.of(args.length > 0 ? args[0] : "target/embed-run"));
    System.out.printf("encoded %d positions; exported %s%n", r.codes().length, r.savedModel());
  }

  public static Result run(Path dir) {
    // README example begins
    ModelSpec spec = new ModelSpec(ModelKind.HRVQVAE, new Architecture(16, 1, 16, 8, 4, 2), // 16x16x1 images -> 8x8 codes
        4, 2, 0, 0f, 0.25f, new float[] {0.25f, 0.25f}, Search.TREE, null);             // m=4 codewords, n=2 layers
    VqAutoencoder model = spec.build();
    try (Trainer trainer = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(2e-3f))
        .optModel(Inference.describe(spec, false)).build()) {                           // checkpoints record the spec
      for (int step = 0; step < 20; step++) {
        try (TFloat32 x = Tensors.of(images(8, step), 8, 16, 16, 1)) {
          trainer.step(Map.of("x", x));                                                 // {loss=..., recon=..., ...}
        }
      }
      trainer.save(dir.resolve("checkpoints"));                                         // dir/checkpoints/ckpt-00000020/
    }
    float[] x = images(4, 99);
    long[] codes;
    float[] coarse;
    float[] full;
    try (Inference vq = Inference.open(dir)) {                                           // the checkpoint alone
      codes = vq.encode(x, 4).get("codes");                                             // 4 x 8 x 8 leaf codes in [0, 16)
      coarse = vq.decode(Map.of("codes", codes), 4, Set.of(1));                         // through layer 1 only
      full = vq.reconstruct(x, 4, vq.model().allLayers());                              // through both layers
      vq.exportSavedModel(dir.resolve("saved_model"));                                  // serving_default: x -> x_hat, codes
    }
    // README example ends
    return new Result(codes, x, coarse, full, dir.resolve("saved_model"));
  }

  /** {@code n} 16x16 grayscale images of a bright rectangle, in [0, 1] (stand-ins for your data). */
  static float[] images(int n, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n * 16 * 16];
    for (int i = 0; i < n; i++) {
      int x0 = r.nextInt(10);
      int y0 = r.nextInt(10);
      for (int y = y0; y < y0 + 6; y++) {
        for (int x = x0; x < x0 + 6; x++) {
          out[(i * 16 + y) * 16 + x] = 0.9f;
        }
      }
    }
    return out;
  }
}
