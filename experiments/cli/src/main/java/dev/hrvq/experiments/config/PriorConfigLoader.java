package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads prior configs the way {@link ConfigLoader} reads experiments: extends, schema, defaults, checks. */
public final class PriorConfigLoader {
  private PriorConfigLoader() {}

  /** The prior config in {@code file}, its resolved JSON and hash. */
  public static ResolvedPrior resolve(Path file) {
    return resolve(file, List.of());
  }

  /** As {@link #resolve(Path)} with {@code --set} overrides applied after extends. */
  public static ResolvedPrior resolve(Path file, List<String> overrides) {
    List<ConfigOrigins.Source> sources = new ArrayList<>();
    ObjectNode merged = ConfigOverrides.apply(ConfigExtends.resolve(file, sources), overrides, sources);
    if (!merged.has("name")) {
      merged.put("name", ConfigLoader.defaultName(file));
    }
    ObjectNode json = ConfigLoader.resolveTree((ObjectNode) CanonicalJson.normalizeNumbers(merged), new ConfigOrigins(sources),
        ConfigSchema.prior(), PriorConfigLoader::semantics);
    return new ResolvedPrior(ConfigLoader.bind(json, file.toString(), PriorConfig.class), json, ConfigLoader.configHash(json), List.copyOf(overrides));
  }

  /** A prior run's saved config.json, checked again. */
  public static PriorConfig fromResolvedJson(JsonNode json, String source) {
    ObjectNode copy = ((ObjectNode) json).deepCopy();
    copy.remove(ConfigExtends.KEY);
    ObjectNode resolved = ConfigLoader.resolveTree((ObjectNode) CanonicalJson.normalizeNumbers(copy),
        ConfigOrigins.of(Path.of(source), copy), ConfigSchema.prior(), PriorConfigLoader::semantics);
    return ConfigLoader.bind(resolved, source, PriorConfig.class);
  }

  /** The resolved prior config, its JSON and hash, and the overrides applied. */
  public record ResolvedPrior(PriorConfig config, ObjectNode json, String hash, List<String> overrides) {}

  private static List<String> semantics(ObjectNode json) {
    List<String> problems = new ArrayList<>();
    if (json.path("prior").path("kernel").asInt() % 2 == 0) {
      problems.add("prior.kernel: must be odd (the causal masks centre on the current position), got " + json.path("prior").path("kernel"));
    }
    if (json.path("optimizer").path("warmup_steps").asInt() > json.path("training").path("steps").asInt()) {
      problems.add("optimizer.warmup_steps: more than training.steps");
    }
    return problems;
  }
}
