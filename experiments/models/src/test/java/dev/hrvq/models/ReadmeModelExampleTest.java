package dev.hrvq.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.api.optim.Optimizers;
import dev.hrvq.api.runtime.Tensors;
import dev.hrvq.api.runtime.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;

/** The README's model example, verbatim between the markers. */
class ReadmeModelExampleTest {

  @Test
  void encodeAndDecodeCodes() {
    float[] images = SyntheticImages.rectangles(16, 32, 3);
    // README example begins
    HrVqVae model = HrVqVae.mnist();                   // m=4, n=3, D=8: 32x32x1 images -> 16x16 codes
    try (Trainer trainer = Trainer.builder().setModel(model.model()).setOptimizer(Optimizers.adam(3e-4f)).build()) {
      try (TFloat32 x = Tensors.of(images, 16, 32, 32, 1)) {
        System.out.println(trainer.step(Map.of("x", x))); // {loss=..., recon=..., layer1_codebook=..., perplexity_l3=...}
      }
      CompiledVq vq = new CompiledVq(trainer, model, false);
      long[] codes = vq.encode(images, 16).get("codes"); // 16 x 16 x 16 last-layer codes in [0, 64)
      float[] all = vq.decode(Map.of("codes", codes), 16, Set.of(1, 2, 3));      // from e_C = e1 + e2 + e3
      float[] detail = vq.decode(Map.of("codes", codes), 16, Set.of(2, 3));      // without layer 1 (Fig. 1)
      float[] same = vq.reconstruct(images, 16, Set.of(1, 2, 3));              // equals `all`
      // README example ends
      assertThat(codes).hasSize(16 * 16 * 16);
      assertThat(java.util.Arrays.stream(codes).allMatch(c -> c >= 0 && c < 64)).isTrue();
      assertThat(all).containsExactly(same, org.assertj.core.api.Assertions.within(1e-5f));
      assertThat(detail).isNotEqualTo(all);
    }
  }

  @Test
  void readmeShowsTheExampleVerbatim() throws java.io.IOException {
    String source = Files.readString(Path.of("src/test/java/dev/hrvq/models/ReadmeModelExampleTest.java"));
    String example = source.substring(source.indexOf("// README example begins\n") + 25, source.indexOf("      // README example ends"))
        .replaceAll("(?m)^    ", "");
    assertThat(Files.readString(Path.of("../../docs/api.md"))).contains(example);
  }
}
