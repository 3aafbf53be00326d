package dev.hrvq.experiments.prior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hrvq.experiments.config.PriorConfig;
import dev.hrvq.experiments.config.PriorConfigLoader;
import dev.hrvq.experiments.run.RunDirectory;
import dev.hrvq.models.Architecture;
import dev.hrvq.models.PixelCnnPrior;
import dev.hrvq.models.VqVae2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VQ-VAE-2 gets one prior per level, top first, each lower level conditioned on all levels above. */
class PriorStackTest {
  @TempDir Path tmp;

  @Test
  void vqvae2PriorsAreStackedTopDownAndSampleEveryLevel() throws Exception {
    Path file = tmp.resolve("p.json");
    Files.writeString(file, """
        { "prior": { "run": "unused", "hidden": 8, "blocks": 1, "kernel": 3, "embedding": 4 }, "training": { "steps": 1, "batch_size": 4 } }
        """);
    PriorConfig cfg = PriorConfigLoader.resolve(file).config();
    VqVae2 model = new VqVae2(new Architecture(16, 1, 16, 8, 4, 2), 3, 16, 0.25f);
    try (PriorStack stack = new PriorStack(cfg, "h", tmp.resolve("run"), model, 0)) {
      assertThat(stack.maps()).extracting(m -> m.map).containsExactly("codes2", "codes1", "codes0");
      assertThat(stack.maps().get(0).prior.uppers()).isEmpty();
      assertThat(stack.maps().get(2).prior.uppers()).extracting(PixelCnnPrior.Upper::name).containsExactly("codes2", "codes1");
      assertThat(stack.maps().get(1).dir.dir()).isEqualTo(tmp.resolve("run/codes1"));
      // Each level trains in its own folder, conditioned on the maps above it.
      Map<String, long[]> codes = Map.of("codes0", new long[8 * 64], "codes1", new long[8 * 16], "codes2", new long[8 * 4]);
      Map<String, Integer> perImage = Map.of("codes0", 64, "codes1", 16, "codes2", 4);
      for (PriorMapRun m : stack.maps()) {
        CodeBatches batches = new CodeBatches(m.prior, m.map, codes, perImage, new int[0]);
        assertThat(m.train(cfg, batches, batches, new java.io.PrintStream(new java.io.ByteArrayOutputStream()), () -> false)).isTrue();
        assertThat(RunDirectory.readLines(m.dir.metrics())).hasSize(1);
      }
      Map<String, long[]> drawn = stack.sample(2, 1f, 5);
      assertThat(drawn.get("codes2")).hasSize(2 * 2 * 2);
      assertThat(drawn.get("codes0")).hasSize(2 * 8 * 8);
      assertThat(Arrays.stream(drawn.get("codes0")).allMatch(c -> c >= 0 && c < 16)).isTrue();
    }
  }
}
