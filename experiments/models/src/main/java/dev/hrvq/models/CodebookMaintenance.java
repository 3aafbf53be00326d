package dev.hrvq.models;

import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.quantize.CodebookSurgery;
import dev.hrvq.quantize.CodebookUsage;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * The optional codebook options of HR-VQVAE and VQ-VAE, applied to a trainer's variables:
 * data-dependent initialisation from encoder outputs and dead-code restart, both per codebook of
 * the tree (see {@link CodebookSurgery}). Off unless a run asks for them.
 */
public final class CodebookMaintenance {
  private final Trainer trainer;
  private final SingleScaleVq model;
  private final CompiledFunction internals;
  private final CompiledFunction codebooks;

  /** Compiles what it needs into the trainer's graph: create one per trainer. */
  public CodebookMaintenance(Trainer trainer, SingleScaleVq model) {
    this.trainer = trainer;
    this.model = model;
    this.internals = trainer.function("codebook_internals", Map.of("x", model.imageSpec()), model.internals(), false);
    HierarchicalQuantizer q = model.quantizer();
    this.codebooks = trainer.function("codebook_values", Map.of(), (tf, vars, in) -> {
      Map<String, Operand<?>> all = new LinkedHashMap<>();
      for (int i = 1; i <= q.layers(); i++) {
        String path = SingleScaleVq.codebookPath(i);
        all.put("l" + i, tf.identity(q.usesEma() ? vars.state().get(path) : vars.params().get(path)));
      }
      return all;
    }, false);
  }

  /** Sets every layer's codebooks from the encoder outputs of {@code n} images. */
  public void initializeFromData(float[] images, int n, long seed) {
    HierarchicalQuantizer q = model.quantizer();
    int dim = (int) model.latentShape().get(3);
    float[] latents;
    try (TFloat32 x = images(images, n); Outputs out = internals.call(Map.of("x", x))) {
      latents = out.floats("latents");
    }
    float[][] books = CodebookSurgery.initFromLatents(latents, dim, q.codewords(), q.layers(), seed);
    Map<String, float[]> values = new LinkedHashMap<>();
    for (int i = 1; i <= q.layers(); i++) {
      values.put(codebookVariable(i), books[i - 1]);
    }
    assign(values);
  }

  /**
   * Restarts codes no vector of {@code n} images picked, layer by layer (each layer's restarts
   * see the routing the layers above had before this call). Returns the restart count per layer.
   */
  public int[] restartDeadCodes(float[] images, int n, long seed) {
    HierarchicalQuantizer q = model.quantizer();
    int dim = (int) model.latentShape().get(3);
    CodebookUsage usage = CodebookUsage.of(q);
    int[] restarted = new int[q.layers()];
    Map<String, float[]> values = new LinkedHashMap<>();
    try (TFloat32 x = images(images, n); Outputs out = internals.call(Map.of("x", x)); Outputs books = codebooks.call(Map.of())) {
      usage.add(out.longs("codes_l" + q.layers()));
      for (int i = 1; i <= q.layers(); i++) {
        float[] book = books.floats("l" + i);
        long[] parents = i == 1 ? new long[n * (int) (model.latentShape().get(1) * model.latentShape().get(2))] : out.longs("codes_l" + (i - 1));
        restarted[i - 1] = CodebookSurgery.restartDead(book, usage.counts(i), q.codewords(), out.floats("residual_l" + i), parents, dim, seed + i);
        values.put(codebookVariable(i), book);
      }
    }
    assign(values);
    return restarted;
  }

  private String codebookVariable(int layer) {
    return Trainer.variableName(model.quantizer().usesEma(), SingleScaleVq.codebookPath(layer));
  }

  private void assign(Map<String, float[]> values) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    try {
      Map<String, long[]> shapes = trainer.variableShapes();
      values.forEach((name, v) -> tensors.put(name, Tensors.of(v, shapes.get(name))));
      trainer.assign(tensors);
    } finally {
      tensors.values().forEach(Tensor::close);
    }
  }

  private TFloat32 images(float[] images, int n) {
    Shape s = model.imageSpec().shape();
    return Tensors.of(images, n, s.get(1), s.get(2), s.get(3));
  }
}
