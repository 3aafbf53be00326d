package dev.hrvq.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads an experiment config: reads the JSON, resolves {@code extends}, validates against
 * {@code experiment.schema.json}, applies the schema's defaults, checks and fills the model-kind
 * rules, and binds the result to {@link ExperimentConfig}. Every problem is reported at once in
 * one {@link ConfigException}, one line each, prefixed with the file.
 */
public final class ConfigLoader {
  private static final ObjectMapper BINDER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  private ConfigLoader() {}

  /** The config in {@code file}. */
  public static ExperimentConfig load(Path file) {
    return resolve(file).config();
  }

  /** The fully resolved JSON of {@code file}: what {@link #load} binds, and what a run saves as config.json. */
  public static ObjectNode resolvedJson(Path file) {
    return resolve(file).json();
  }

  /** The config in {@code file}, its resolved JSON and its hash. */
  public static ResolvedConfig resolve(Path file) {
    return resolve(file, List.of());
  }

  /** As {@link #resolve(Path)} with {@link ConfigOverrides {@code --set}} overrides applied after extends. */
  public static ResolvedConfig resolve(Path file, List<String> overrides) {
    List<ConfigOrigins.Source> sources = new ArrayList<>();
    ObjectNode merged = ConfigOverrides.apply(ConfigExtends.resolve(file, sources), overrides, sources);
    if (!merged.has("name")) {
      merged.put("name", defaultName(file));
    }
    ObjectNode json = resolveTree((ObjectNode) CanonicalJson.normalizeNumbers(merged), new ConfigOrigins(sources),
        ConfigSchema.get(), ConfigSemantics::apply);
    return new ResolvedConfig(bind(json, file.toString()), json, configHash(json), overrides);
  }

  /**
   * Validates a merged config tree (no {@code extends}) and returns it resolved: defaults and kind
   * defaults filled in, numbers normalized. {@code source} prefixes the messages.
   */
  static ObjectNode resolveTree(ObjectNode merged, String source) {
    return resolveTree(merged, ConfigOrigins.of(Path.of(source), merged), ConfigSchema.get(), ConfigSemantics::apply);
  }

  /**
   * As above, against any schema and its semantic checks (which may fill in defaults); each problem
   * is prefixed with the file of {@code origins} that holds its path.
   */
  static ObjectNode resolveTree(ObjectNode merged, ConfigOrigins origins, ConfigSchema schema,
      java.util.function.Function<ObjectNode, List<String>> semantics) {
    List<String> problems = schema.validate(merged);
    if (!problems.isEmpty()) {
      throw failure(origins, problems);
    }
    ObjectNode json = schema.withDefaults(merged);
    problems = semantics.apply(json);
    if (!problems.isEmpty()) {
      throw failure(origins, problems);
    }
    // Again, to put the kind defaults in schema order; the schema defaults are already there.
    return (ObjectNode) CanonicalJson.normalizeNumbers(schema.withDefaults(json));
  }

  /** The config a resolved JSON (such as a run's config.json) describes; it is checked again. */
  public static ExperimentConfig fromResolvedJson(JsonNode json, String source) {
    if (!(json instanceof ObjectNode object)) {
      throw new ConfigException(source + ": expected a JSON object at the top level");
    }
    ObjectNode copy = object.deepCopy();
    copy.remove(ConfigExtends.KEY);
    return bind(resolveTree((ObjectNode) CanonicalJson.normalizeNumbers(copy), source), source);
  }

  /**
   * SHA-256 (lower-case hex) of the canonical text of {@code resolved}: keys sorted, no
   * whitespace, whole numbers written as integers. Key order and layout do not change it.
   */
  public static String configHash(JsonNode resolved) {
    return CanonicalJson.sha256(resolved);
  }

  /** The canonical text {@link #configHash} hashes. */
  public static String canonicalText(JsonNode resolved) {
    return CanonicalJson.text(resolved);
  }

  /** The default run name: the file name without {@code .json}. */
  static String defaultName(Path file) {
    String n = file.getFileName().toString();
    return n.endsWith(".json") ? n.substring(0, n.length() - ".json".length()) : n;
  }

  /** Whether {@code file} is a prior config (it has a top-level {@code prior} section). */
  public static boolean isPrior(Path file) {
    return isPrior(file, List.of());
  }

  /** Whether {@code file} with {@code overrides} applied is a prior config. */
  public static boolean isPrior(Path file, List<String> overrides) {
    return ConfigOverrides.apply(ConfigExtends.resolve(file), overrides, new ArrayList<>()).has("prior");
  }

  static <T> T bind(ObjectNode json, String source, Class<T> type) {
    try {
      return BINDER.treeToValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(source + ": the resolved config does not bind to " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }

  private static ExperimentConfig bind(ObjectNode json, String source) {
    try {
      return BINDER.treeToValue(json, ExperimentConfig.class);
    } catch (JsonProcessingException e) {
      // Validation admits only what binds; this is a schema/record mismatch, a bug.
      throw new IllegalStateException(source + ": the resolved config does not bind to ExperimentConfig: " + e.getOriginalMessage(), e);
    }
  }

  static ConfigException failure(ConfigOrigins origins, List<String> problems) {
    List<String> lines = new ArrayList<>();
    for (String p : problems) {
      lines.add(origins.fileOf(p) + ": " + p);
    }
    return new ConfigException(lines);
  }
}
