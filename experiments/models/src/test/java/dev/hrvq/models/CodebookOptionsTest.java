package dev.hrvq.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.CompiledFunction;
import dev.hrvq.api.runtime.Outputs;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.quantize.CodebookUsage;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/** Data-dependent initialisation and dead-code restart do what they claim, on a real model. */
class CodebookOptionsTest {
  private static final Architecture SMALL = new Architecture(16, 1, 16, 8, 4, 2);
  private static final int N = 8;

  private static HrVqVae model() {
    return new HrVqVae(SMALL, HierarchicalQuantizer.builder().setCodewords(4).setLayers(2).build(), 0.25f, new float[] {0.25f, 0.25f});
  }

  private static Trainer trainer(HrVqVae model) {
    return Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(1e-3f)).optSeed(2).build();
  }

  private final Map<String, CompiledFunction> reads = new HashMap<>();

  private float[] codebook(Trainer t, String name) {
    CompiledFunction read = reads.computeIfAbsent(name, n -> t.function("read_" + n.replace('/', '_'), Map.of(), (tf, vars, in) ->
        Map.of("v", tf.identity(vars.params().get(n))), false));
    try (Outputs out = read.call(Map.of())) {
      return out.floats("v");
    }
  }

  @Test
  void dataInitPutsLatentsIntoTheFirstLayerAndRoutedResidualsBelow() {
    HrVqVae model = model();
    float[] images = SyntheticImages.rectangles(N, 16, 5);
    try (Trainer t = trainer(model)) {
      CodebookMaintenance maintenance = new CodebookMaintenance(t, model);
      maintenance.initializeFromData(images, N, 1);
      float[] latents;
      long[] codes1;
      try (TFloat32 x = Tensors.of(images, N, 16, 16, 1); Outputs out = t.function("peek", Map.of("x", model.imageSpec()), model.internals(), false).call(Map.of("x", x))) {
        latents = out.floats("latents");
        codes1 = out.longs("codes_l1");
      }
      float[] book1 = codebook(t, SingleScaleVq.codebookPath(1));
      Set<List<Float>> rows = rows(latents, 4);
      for (List<Float> codeword : rows(book1, 4)) {
        assertThat(rows).as("every layer-1 codeword is one of the latents").contains(codeword);
      }
      // Each layer-1 codeword is a latent, so that latent (at least) picks it: none is dead.
      CodebookUsage usage = new CodebookUsage(4, 1);
      usage.add(codes1);
      assertThat(usage.deadCodes(1)).isZero();
    }
  }

  @Test
  void deadCodesAreRestartedAndThenUsed() {
    HrVqVae model = model();
    float[] images = SyntheticImages.rectangles(N, 16, 6);
    try (Trainer t = trainer(model)) {
      // Push one layer-1 codeword far away from all data: it is dead.
      float[] book1 = codebook(t, SingleScaleVq.codebookPath(1));
      for (int j = 0; j < 4; j++) {
        book1[3 * 4 + j] = 1e3f;
      }
      try (TFloat32 v = Tensors.of(book1, 1, 4, 4)) {
        t.assign(Map.of(Trainer.variableName(false, SingleScaleVq.codebookPath(1)), v));
      }
      CodebookMaintenance maintenance = new CodebookMaintenance(t, model);
      CompiledVq vq = new CompiledVq(t, model, false);
      int deadBefore = dead(vq, model, images);
      int[] restarted = maintenance.restartDeadCodes(images, N, 7);
      int deadAfter = dead(vq, model, images);
      assertThat(restarted[0]).isGreaterThanOrEqualTo(1);
      assertThat(codebook(t, SingleScaleVq.codebookPath(1))[12]).isNotEqualTo(1e3f);
      assertThat(deadAfter).isLessThan(deadBefore);
    }
  }

  private static int dead(CompiledVq vq, HrVqVae model, float[] images) {
    CodebookUsage usage = CodebookUsage.of(model.quantizer());
    usage.add(vq.encode(images, N).get("codes"));
    return usage.deadCodes(1) + usage.deadCodes(2);
  }

  private static Set<List<Float>> rows(float[] values, int dim) {
    Set<List<Float>> out = new HashSet<>();
    for (int r = 0; r < values.length / dim; r++) {
      Float[] row = new Float[dim];
      for (int j = 0; j < dim; j++) {
        row[j] = values[r * dim + j];
      }
      out.add(List.of(row));
    }
    return out;
  }
}
