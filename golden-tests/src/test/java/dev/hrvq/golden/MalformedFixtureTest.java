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

/** A malformed fixture fails naming the file and the field. */
class MalformedFixtureTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path tmp;

  private Path mutate(String source, String name, Consumer<ObjectNode> edit) throws IOException {
    ObjectNode root = (ObjectNode) MAPPER.readTree(GoldenSuiteTest.builtin(source).toFile());
    edit.accept(root);
    Path out = tmp.resolve(name);
    MAPPER.writeValue(out.toFile(), root);
    return out;
  }

  private static ObjectNode expected(ObjectNode root) {
    return (ObjectNode) root.get("expected");
  }

  @Test
  void missingField() throws IOException {
    Path p = mutate("quantizer/m4-n3-d8.json", "m4-n3-d8.json", r -> expected(r).remove("combined"));
    assertThatThrownBy(() -> QuantizerFixture.read(p)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m4-n3-d8.json: field expected.combined: missing");
  }

  @Test
  void wrongType() throws IOException {
    Path p = mutate("quantizer/m4-n3-d8.json", "m4-n3-d8.json", r -> r.put("m", "four"));
    assertThatThrownBy(() -> QuantizerFixture.read(p)).hasMessage("m4-n3-d8.json: field m: expected an integer, got string");
    Path q = mutate("quantizer/m4-n3-d8.json", "codes.json",
        r -> ((ArrayNode) expected(r).get("local_codes").get(1)).set(3, MAPPER.getNodeFactory().numberNode(1.5)));
    assertThatThrownBy(() -> QuantizerFixture.read(q))
        .hasMessage("codes.json: field expected.local_codes[1][3]: expected an integer, got 1.5");
  }

  @Test
  void wrongArrayLength() throws IOException {
    Path p = mutate("quantizer/m4-n3-d8.json", "m4-n3-d8.json", r -> ((ArrayNode) expected(r).get("global_codes")).remove(2));
    assertThatThrownBy(() -> QuantizerFixture.read(p))
        .hasMessage("m4-n3-d8.json: field expected.global_codes: expected 3 layers, got 2");
    Path q = mutate("gradients/m3-n2-d4.json", "grad.json",
        r -> ((ArrayNode) r.get("codebooks").get(1).get(2)).remove(0));
    assertThatThrownBy(() -> GradientFixture.read(q))
        .hasMessage("grad.json: field codebooks[1][2]: expected 3 codewords, got 2");
    Path e = mutate("ema/m4-layer2-d4.json", "ema.json", r -> ((ArrayNode) r.get("counts")).remove(0));
    assertThatThrownBy(() -> EmaFixture.read(e)).hasMessage("ema.json: field counts: expected 16 codes, got 15");
  }

  @Test
  void unknownFormat() throws IOException {
    Path p = mutate("ema/flat-k8-d4.json", "flat-k8-d4.json", r -> r.put("format", "hrvq-golden/ema-v9"));
    assertThatThrownBy(() -> GoldenFixture.read(p))
        .hasMessageStartingWith("flat-k8-d4.json: field format: unknown format 'hrvq-golden/ema-v9'; known: [");
    assertThatThrownBy(() -> QuantizerFixture.read(p))
        .hasMessage("flat-k8-d4.json: field format: expected 'hrvq-golden/quantizer-v1', got 'hrvq-golden/ema-v9'");
  }

  @Test
  void notJson() throws IOException {
    Path p = tmp.resolve("broken.json");
    java.nio.file.Files.writeString(p, "{\"format\": ");
    assertThatThrownBy(() -> GoldenFixture.read(p)).hasMessageStartingWith("broken.json: not valid JSON");
  }
}
