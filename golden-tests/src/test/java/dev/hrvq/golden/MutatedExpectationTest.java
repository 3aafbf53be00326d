package dev.hrvq.golden;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong expectation in a copied fixture fails naming field, index, expected and actual. */
class MutatedExpectationTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  private Path mutate(String source, Consumer<ObjectNode> edit) throws IOException {
    Path src = GoldenSuiteTest.builtin(source);
    ObjectNode root = (ObjectNode) MAPPER.readTree(src.toFile());
    edit.accept((ObjectNode) root.get("expected"));
    Path out = tmp.resolve(src.getFileName());
    MAPPER.writeValue(out.toFile(), root);
    return out;
  }

  @Test
  void changedCode() throws IOException {
    // m4-n3-d8, layer 2 (0-based 1), vector 5: the code stored is replaced by the next one.
    long[] stored = new long[1];
    Path p = mutate("quantizer/m4-n3-d8.json", e -> {
      ArrayNode layer = (ArrayNode) e.get("global_codes").get(1);
      stored[0] = layer.get(5).asLong();
      layer.set(5, MAPPER.getNodeFactory().numberNode((stored[0] + 1) % 16));
    });
    assertThatThrownBy(() -> Golden.assertQuantizer(p)).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("m4-n3-d8: expected.global_codes[1]: first mismatch at flat index 5: expected "
            + (stored[0] + 1) % 16 + ", actual " + stored[0]);
  }

  @Test
  void changedFloatBeyondTolerance() throws IOException {
    // expected.quantized[2] is [N][D] = [64][8]; element [3][4] is flat index 28.
    double[] stored = new double[1];
    Path p = mutate("quantizer/m4-n3-d8.json", e -> {
      ArrayNode row = (ArrayNode) e.get("quantized").get(2).get(3);
      stored[0] = row.get(4).asDouble();
      row.set(4, MAPPER.getNodeFactory().numberNode(stored[0] + 1e-3));
    });
    assertThatThrownBy(() -> Golden.assertQuantizer(p)).isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("m4-n3-d8: expected.quantized[2]: first mismatch at flat index 28: expected "
            + (stored[0] + 1e-3) + ", actual " + (float) stored[0])
        .hasMessageContaining("tolerance (abs 1.0E-5 or rel 1.0E-5)");
  }

  @Test
  void changedGradient() throws IOException {
    Path p = mutate("gradients/m3-n2-d4.json", e -> {
      ArrayNode row = (ArrayNode) e.get("grad_latents").get(0);
      row.set(1, MAPPER.getNodeFactory().numberNode(row.get(1).asDouble() + 1e-3));
    });
    assertThatThrownBy(() -> Golden.assertGradients(p))
        .hasMessageStartingWith("m3-n2-d4: expected.grad_latents: first mismatch at flat index 1: expected ");
  }

  @Test
  void changedEmaCount() throws IOException {
    Path p = mutate("ema/m4-layer2-d4.json", e -> {
      ArrayNode counts = (ArrayNode) e.get("counts");
      counts.set(7, MAPPER.getNodeFactory().numberNode(counts.get(7).asDouble() * 1.01));
    });
    assertThatThrownBy(() -> Golden.assertEma(p))
        .hasMessageStartingWith("m4-layer2-d4: expected.counts: first mismatch at flat index 7: expected ");
  }
}
