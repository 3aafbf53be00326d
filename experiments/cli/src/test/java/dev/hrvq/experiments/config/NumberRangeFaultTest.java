package dev.hrvq.experiments.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every number a config can hold, out of range: for each integer and number key of both schemas
 * (walked from the schema, so a new key is covered without a new test), values past its maximum,
 * past any Java integer (30 digits) and past any double (1e400) are refused with a message naming
 * that key's path, and only that path. The schemas bound every number (a test below).
 */
class NumberRangeFaultTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPERIMENT = """
      {"data": {"dataset": "synthetic", "image_size": 16},
       "model": {"kind": "hrvqvae", "quantizer": {"codewords": 2, "layers": 2}},
       "training": {"steps": 10}}""";
  private static final String PRIOR = """
      {"prior": {"run": "runs/none"}, "training": {"steps": 10}}""";

  @TempDir Path dir;

  /** A numeric key of a schema: its dotted path, its segments, integer or not, and its maximum. */
  record NumericKey(String path, List<String> segments, boolean integer, double maximum) {}

  static List<NumericKey> numericKeys(JsonNode schema) {
    List<NumericKey> out = new ArrayList<>();
    walk(schema, new ArrayList<>(), out);
    return out;
  }

  private static void walk(JsonNode s, List<String> segments, List<NumericKey> out) {
    List<String> types = new ArrayList<>();
    if (s.path("type").isArray()) {
      s.path("type").forEach(t -> types.add(t.asText()));
    } else {
      types.add(s.path("type").asText());
    }
    if ((types.contains("integer") || types.contains("number")) && !s.has("enum")) {
      double max = s.has("maximum") ? s.get("maximum").asDouble() : s.path("exclusiveMaximum").asDouble(Double.NaN);
      out.add(new NumericKey(dotted(segments), List.copyOf(segments), types.contains("integer"), max));
    }
    s.path("properties").properties().forEach(e -> {
      segments.add(e.getKey());
      walk(e.getValue(), segments, out);
      segments.remove(segments.size() - 1);
    });
    if (s.has("items")) {
      segments.add("[0]");
      walk(s.get("items"), segments, out);
      segments.remove(segments.size() - 1);
    }
  }

  private static String dotted(List<String> segments) {
    return String.join(".", segments).replace(".[", "[");
  }

  /** {@code base} with {@code value} (raw JSON text) at the key; optional parent objects are created. */
  private String with(String base, NumericKey key, String value) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(base);
    ObjectNode at = root;
    List<String> seg = key.segments();
    for (int i = 0; i < seg.size() - 1; i++) {
      if (seg.get(i + 1).equals("[0]")) {
        break;
      }
      JsonNode next = at.get(seg.get(i));
      at = next instanceof ObjectNode o ? o : at.putObject(seg.get(i));
      if (seg.get(i).equals("dead_code_restart")) {
        at.put("interval", 10).put("images", 10);
      }
    }
    String last = seg.get(seg.size() - 1);
    String text = JSON.writeValueAsString(root);
    String placeholder = "\"@@VALUE@@\"";
    if (last.equals("[0]")) {
      at.putArray(seg.get(seg.size() - 2)).add("@@VALUE@@");
    } else {
      at.put(last, "@@VALUE@@");
    }
    text = JSON.writeValueAsString(root);
    return text.replace(placeholder, value);
  }

  private List<String> badValues(NumericKey key) {
    List<String> values = new ArrayList<>(List.of("1e400", "-1e400"));
    if (key.integer()) {
      values.add("999999999999999999999999999999");
      values.add(Long.toString((long) key.maximum() + 1));
    } else {
      values.add(Double.toString(key.maximum() * 10 + 1));
    }
    return values;
  }

  private void checkAll(String schemaResource, String base, Function<Path, Object> load) throws IOException {
    JsonNode schema = JSON.readTree(ConfigSchema.class.getResourceAsStream(schemaResource));
    List<NumericKey> keys = numericKeys(schema);
    assertThat(keys).hasSizeGreaterThan(10);
    for (NumericKey key : keys) {
      for (String value : badValues(key)) {
        Path file = Files.writeString(dir.resolve("bad.json"), with(base, key, value));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load.apply(file));
        assertThat(e).as("%s = %s is refused", key.path(), value).isNotNull();
        assertThat(e.problems()).as("%s = %s", key.path(), value)
            .allSatisfy(p -> assertThat(p).startsWith(file + ": " + key.path() + ":"));
      }
    }
  }

  @Test
  void everyExperimentNumberOutOfRangeNamesItsPath() throws IOException {
    checkAll(ConfigSchema.RESOURCE, EXPERIMENT, ConfigLoader::load);
  }

  @Test
  void everyPriorNumberOutOfRangeNamesItsPath() throws IOException {
    checkAll(ConfigSchema.PRIOR_RESOURCE, PRIOR, PriorConfigLoader::resolve);
  }

  @Test
  void everyNumberInTheSchemasIsBoundedAndFitsWhatItBindsTo() throws IOException {
    for (String resource : List.of(ConfigSchema.RESOURCE, ConfigSchema.PRIOR_RESOURCE, ConfigSchema.SWEEP_RESOURCE)) {
      for (NumericKey key : numericKeys(JSON.readTree(ConfigSchema.class.getResourceAsStream(resource)))) {
        assertThat(key.maximum()).as("%s: %s has a maximum", resource, key.path()).isFinite();
        // Seeds bind to long (a sweep's seeds and prior_seeds too); everything else to int.
        if (key.integer() && !key.path().equals("seed") && !key.path().startsWith("seeds") && !key.path().startsWith("prior_seeds")) {
          assertThat(key.maximum()).as("%s: %s fits a Java int", resource, key.path()).isLessThanOrEqualTo(Integer.MAX_VALUE);
        }
      }
    }
  }
}
