package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiment schema ({@code experiment-configs/experiment.schema.json}, on the classpath next
 * to this class): validation with readable messages, and its {@code default}s.
 */
final class ConfigSchema {
  static final String RESOURCE = "experiment.schema.json";
  /** The schema of prior configs (a PixelCNN over a trained run's codes). */
  static final String PRIOR_RESOURCE = "prior.schema.json";

  /** The schema of sweep files (a base config, a grid and/or variants, seeds). */
  static final String SWEEP_RESOURCE = "sweep.schema.json";

  private static final ConfigSchema INSTANCE = load(RESOURCE);
  private static final ConfigSchema PRIOR = load(PRIOR_RESOURCE);
  private static final ConfigSchema SWEEP = load(SWEEP_RESOURCE);

  private final JsonNode root;
  private final Schema validator;

  private ConfigSchema(JsonNode root) {
    this.root = root;
    this.validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root);
  }

  /** The experiment schema shipped with this class. */
  static ConfigSchema get() {
    return INSTANCE;
  }

  /** The prior schema shipped with this class. */
  static ConfigSchema prior() {
    return PRIOR;
  }

  /** The sweep schema shipped with this class. */
  static ConfigSchema sweep() {
    return SWEEP;
  }

  private static ConfigSchema load(String resource) {
    try (InputStream in = ConfigSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the classpath next to " + ConfigSchema.class.getName());
      }
      return new ConfigSchema(ConfigFiles.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema document. */
  JsonNode root() {
    return root;
  }

  /** The sub-schema for the value at {@code path} (keys and indices), or null where the schema has none. */
  JsonNode at(List<?> path) {
    JsonNode s = root;
    for (Object e : path) {
      s = e instanceof Integer ? s.path("items") : s.path("properties").path(e.toString());
      if (s.isMissingNode()) {
        return null;
      }
    }
    return s;
  }

  /** Every violation of the schema by {@code config}, one message each, in schema order. */
  List<String> validate(JsonNode config) {
    List<String> messages = new ArrayList<>();
    for (com.networknt.schema.Error e : validator.validate(config)) {
      messages.add(SchemaMessages.describe(e, this));
    }
    return messages;
  }

  /**
   * {@code config} (valid against the schema) with every missing key that has a {@code default}
   * filled in, and missing sections created to hold their defaults; keys in schema order.
   */
  ObjectNode withDefaults(ObjectNode config) {
    return fill(root, config);
  }

  private static ObjectNode fill(JsonNode schema, ObjectNode value) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
      JsonNode sub = p.getValue();
      JsonNode have = value.get(p.getKey());
      if (have instanceof ObjectNode object && sub.has("properties")) {
        out.set(p.getKey(), fill(sub, object));
      } else if (have != null) {
        out.set(p.getKey(), have.deepCopy());
      } else if (sub.has("default")) {
        out.set(p.getKey(), sub.get("default").deepCopy());
      } else if ("object".equals(sub.path("type").asText(null))) {
        out.set(p.getKey(), fill(sub, JsonNodeFactory.instance.objectNode()));
      }
    }
    return out;
  }
}
