package dev.hrvq.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import dev.hrvq.quantize.EmaOptions;
import dev.hrvq.quantize.HierarchicalQuantizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/** Every model: codes decode to what reconstruction gives, subsets work, bad codes are clear errors. */
class ModelsTest {
  private static final Architecture SMALL = new Architecture(16, 1, 16, 8, 4, 2);
  private static final int N = 6;

  private static HrVqVae hr() {
    return new HrVqVae(SMALL, HierarchicalQuantizer.builder().setCodewords(3).setLayers(3).build(), 0.25f, new float[] {0.25f, 0.5f, 1f});
  }

  private static Trainer trained(VqAutoencoder model, int steps) {
    Trainer t = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(2e-3f)).optSeed(3).build();
    for (int s = 0; s < steps; s++) {
      try (TFloat32 x = Tensors.of(SyntheticImages.rectangles(8, 16, s), 8, 16, 16, 1)) {
        t.step(Map.of("x", x));
      }
    }
    return t;
  }

  private static void assertCodesDecodeToReconstruction(VqAutoencoder model) {
    float[] images = SyntheticImages.rectangles(N, 16, 99);
    try (Trainer t = trained(model, 3)) {
      CompiledVq vq = new CompiledVq(t, model, false);
      Map<String, long[]> codes = vq.encode(images, N);
      assertThat(codes.keySet()).isEqualTo(model.codeSpecs().keySet());
      for (Set<Integer> layers : subsets(model)) {
        float[] decoded = vq.decode(codes, N, layers);
        float[] reconstructed = vq.reconstruct(images, N, layers);
        assertThat(decoded).as("layers %s", layers).hasSize(images.length).containsExactly(reconstructed, within(1e-5f));
        // The one-pass evaluation gives the codes encode gives, whichever layers it decodes.
        CompiledVq.Reconstruction both = vq.reconstructWithCodes(images, N, layers);
        assertThat(both.images()).isEqualTo(reconstructed);
        assertThat(both.codes().keySet()).isEqualTo(codes.keySet());
        codes.forEach((name, c) -> assertThat(both.codes().get(name)).as("%s, layers %s", name, layers).isEqualTo(c));
      }
    }
  }

  private static List<Set<Integer>> subsets(VqAutoencoder model) {
    Set<Integer> all = model.allLayers();
    int last = all.size();
    return List.of(all, Set.of(last), all.size() > 2 ? Set.of(2, 3) : Set.of(1));
  }

  @Test
  void hrvqvaeCodesDecodeToItsReconstructions() {
    assertCodesDecodeToReconstruction(hr());
  }

  @Test
  void vqvaeCodesDecodeToItsReconstructions() {
    assertCodesDecodeToReconstruction(new VqVae(SMALL, 16, 0.25f));
  }

  @Test
  void vqvae2WithTwoAndThreeLevelsDecodeToItsReconstructions() {
    assertCodesDecodeToReconstruction(new VqVae2(SMALL, 2, 16, 0.25f));
    assertCodesDecodeToReconstruction(new VqVae2(new Architecture(16, 1, 16, 8, 4, 2), 3, 16, 0.25f));
  }

  @Test
  void parameterTreesAreNamedByPart() {
    var params = hr().model().params();
    assertThat(params.get(SingleScaleVq.codebookPath(3)).shape().asArray()).containsExactly(9, 3, 4);
    assertThat(params).containsKeys("enc/down0/kernel", "dec/up0/kernel", SingleScaleVq.codebookPath(1));
    var v2 = new VqVae2(new Architecture(32, 1, 16, 8, 4, 2), 3, 16, 0.25f);
    assertThat(v2.codeSpecs().get("codes0").shape().asArray()).containsExactly(-1, 16, 16);
    assertThat(v2.codeSpecs().get("codes2").shape().asArray()).containsExactly(-1, 4, 4);
    assertThat(v2.model().params()).containsKeys("q0/layer1/codebook", "q2/layer1/codebook", "cond0/up0/kernel", "up1/kernel", "pre2/kernel");
  }

  @Test
  void emaModelKeepsCodebooksAsState() {
    var model = new HrVqVae(SMALL, HierarchicalQuantizer.builder().setCodewords(3).setLayers(2).optEma(new EmaOptions(0.9f, 1e-5f)).build(),
        0.25f, new float[] {0.25f, 0.25f});
    assertThat(model.model().params()).doesNotContainKey(SingleScaleVq.codebookPath(1));
    assertThat(model.model().state()).containsKeys(SingleScaleVq.codebookPath(1), "quantizer/layer2/ema_sum");
    try (Trainer t = trained(model, 3)) {
      assertThat(t.stepCount()).isEqualTo(3);
    }
  }

  @Test
  void lossTermsIncludeEveryObjectivePartAndMetrics() {
    try (Trainer t = Trainer.builder().setModel(hr().model()).setOptimizer(Optimizers.adam(1e-3f)).build();
        TFloat32 x = Tensors.of(SyntheticImages.rectangles(4, 16, 1), 4, 16, 16, 1)) {
      Map<String, Float> terms = t.step(Map.of("x", x));
      assertThat(terms).containsKeys("loss", "recon", "combined_codebook", "combined_commitment", "layer1_codebook",
          "layer3_commitment", "perplexity_l1", "usage_l3");
      float sum = terms.get("recon") + terms.get("combined_codebook") + terms.get("combined_commitment");
      for (int i = 1; i <= 3; i++) {
        sum += terms.get("layer" + i + "_codebook") + terms.get("layer" + i + "_commitment");
      }
      assertThat(terms.get("loss")).isCloseTo(sum, within(1e-5f));
    }
  }

  @Test
  void badCodesAndLayersAreClearErrors() {
    HrVqVae model = hr();
    try (Trainer t = trained(model, 0)) {
      CompiledVq vq = new CompiledVq(t, model, false);
      long[] codes = new long[N * 8 * 8];
      codes[5] = 27;
      assertThatThrownBy(() -> vq.decode(Map.of("codes", codes), N, model.allLayers()))
          .hasMessageContaining("code map 'codes': code 27 at position 5 is out of range [0, 27)");
      assertThatThrownBy(() -> vq.decode(new HashMap<>(), N, model.allLayers())).hasMessageContaining("missing code map 'codes'");
      assertThatThrownBy(() -> vq.decode(Map.of("codes", new long[7]), N, model.allLayers())).hasMessageContaining("has 7 codes; 6 images need 384");
      assertThatThrownBy(() -> model.decode(Set.of(4))).hasMessageContaining("not a non-empty subset of [1, 2, 3]");
    }
  }
}
