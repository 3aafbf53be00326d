package dev.hrvq.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.models.CompiledVq;
import dev.hrvq.models.HrVqVae;
import org.junit.jupiter.api.Test;

/** The bench's FLOP count of the reference model against the layer sizes, added up by hand. */
class GraphFlopsTest {

  @Test
  void referenceModelConvolutionsCountEveryLayerOnce() {
    HrVqVae model = HrVqVae.mnist();
    try (Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.sgd(0f)).build()) {
      // Compiled on first use: one image builds the reconstruct function into the graph.
      new CompiledVq(t, model, false).reconstruct(new float[32 * 32], 1, model.allLayers());
      // 2 * multiply-adds per image; latent 16x16, hidden 64, residual 64, D = 8.
      long pixels = 16 * 16;
      long resBlock = pixels * 2 * (3 * 3 * 64 * 64 + 64 * 64); // conv3 and conv1 (a 1x1, run as MatMul)
      long expected = pixels * 2 * 4 * 4 * 1 * 32 // encoder down0: 4x4 stride 2, 1 -> 32
          + pixels * 2 * 3 * 3 * 32 * 64 // encoder conv
          + 2 * resBlock // encoder residual stack
          + pixels * 2 * 64 * 8 // encoder out, 1x1 to D
          + pixels * 2 * 3 * 3 * 8 * 64 // decoder conv
          + 2 * resBlock // decoder residual stack
          + pixels * 2 * 4 * 4 * 64 * 1; // decoder up0: transposed 4x4 stride 2, 64 -> 1
      assertThat(GraphFlops.convolutions(t.graph(), "reconstruct_1_2_3")).isEqualTo((double) expected);
    }
  }
}
