package dev.hrvq.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The columns the paper's figures are drawn from, computed from summary.json alone, for each model kind. */
class RunFiguresColumnsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RunFigures figures(String config, String summary) throws Exception {
    return new RunFigures(Path.of("run"), "run", JSON.readTree(config), JSON.readTree(summary), List.of());
  }

  private static String layer(String codes, int layer, int size, double usage, double perplexity) {
    return """
        { "codes": "%s", "layer": %d, "size": %d, "usage": %s, "dead": 0, "perplexity": %s }""".formatted(codes, layer, size, usage,
        perplexity);
  }

  @Test
  void theTreeCountsItsLastLayerAsLeaves() throws Exception {
    RunFigures tree = figures("{ \"model\": { \"kind\": \"hrvqvae\", \"quantizer\": { \"codewords\": 4 } } }", """
        { "test_mse": 0.002, "fid_lenet_reconstructions": 0.5, "codebooks": [ %s, %s, %s ] }
        """.formatted(layer("codes", 1, 4, 1.0, 3.0), layer("codes", 2, 16, 0.75, 9.0), layer("codes", 3, 64, 0.5, 20.0)));
    Map<String, Object> c = tree.columns();
    assertThat(c).containsEntry("codebook_layers", 3).containsEntry("leaf_codewords", 64).containsEntry("leaf_usage", 0.5)
        .containsEntry("leaf_perplexity", 20.0).containsEntry("fid_lenet_reconstructions", 0.5).doesNotContainKey("fid_lenet_samples");
    assertThat((double) c.get("code_bits")).isCloseTo(Math.log(3 * 9 * 20) / Math.log(2), within(1e-12));
    // The plot's x: a config key first, else the column of that name.
    assertThat(SweepPlots.value(tree, c, "model.quantizer.codewords")).isEqualTo(4.0);
    assertThat(SweepPlots.value(tree, c, "leaf_codewords")).isEqualTo(64.0);
    assertThat(SweepPlots.value(tree, c, "model.kind")).isEqualTo("hrvqvae");
    assertThat(SweepPlots.value(tree, c, "no_such_key")).isNull();
  }

  @Test
  void vqvae2AveragesItsLevelsAndVqvaeIsOneLayer() throws Exception {
    RunFigures two = figures("{}", """
        { "test_mse": 0.003, "codebooks": [ %s, %s ] }
        """.formatted(layer("codes0", 1, 512, 0.25, 30.0), layer("codes1", 1, 512, 0.75, 50.0)));
    assertThat(two.columns()).containsEntry("codebook_layers", 2).containsEntry("leaf_codewords", 512).containsEntry("leaf_usage", 0.5)
        .containsEntry("leaf_perplexity", 40.0);
    RunFigures flat = figures("{}", "{ \"test_mse\": 0.004, \"codebooks\": [ %s ] }".formatted(layer("codes", 1, 4096, 0.01, 3.5)));
    assertThat(flat.columns()).containsEntry("codebook_layers", 1).containsEntry("leaf_codewords", 4096).containsEntry("leaf_usage", 0.01);
    JsonNode none = JSON.readTree("{ \"test_bits_per_position\": { \"codes\": 4.5 }, \"fid_lenet_samples\": 2.5 }");
    RunFigures prior = new RunFigures(Path.of("p"), "p", JSON.readTree("{}"), none, List.of());
    assertThat(prior.columns()).containsEntry("bits_codes", 4.5).containsEntry("fid_lenet_samples", 2.5).doesNotContainKey("leaf_codewords");
  }
}
