package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a sweep file: schema, defaults, then the checks a schema cannot state; every problem at once. */
public final class SweepConfigLoader {
  private SweepConfigLoader() {}

  /** The sweep in {@code file}, as written. */
  public static SweepConfig load(Path file) {
    return load(file, List.of(), List.of());
  }

  /**
   * The sweep in {@code file} with command-line overrides ({@code PATH=VALUE}, VALUE JSON when it
   * parses, else text) added after the file's {@code set} and {@code prior_set}: e.g. a larger
   * budget for every point. A key the grid or variants sweep is refused (it would be overwritten).
   */
  public static SweepConfig load(Path file, List<String> setFlags, List<String> priorSetFlags) {
    ObjectNode raw = ConfigFiles.read(file);
    if (!raw.has("base") && (raw.has("model") || raw.has("prior") || raw.has("extends"))) {
      throw new ConfigException(file + ": this is an experiment or prior config, not a sweep; train it with ./hrvq run " + file
          + ", or write a sweep file whose \"base\" is it (see experiment-configs/sweep.schema.json)");
    }
    if (!raw.has("name")) {
      raw.put("name", ConfigLoader.defaultName(file));
    }
    ConfigSchema schema = ConfigSchema.sweep();
    List<String> problems = schema.validate(raw);
    if (!problems.isEmpty()) {
      throw ConfigLoader.failure(ConfigOrigins.of(file, raw), problems);
    }
    ObjectNode json = schema.withDefaults(raw);
    Path dir = file.toAbsolutePath().normalize().getParent();
    Path base = dir.resolve(json.path("base").asText()).normalize();
    Path prior = json.hasNonNull("prior") ? dir.resolve(json.path("prior").asText()).normalize() : null;
    List<String> checks = new ArrayList<>();
    problems = checks;
    if (!Files.isRegularFile(base)) {
      problems.add("base: no such file " + base + " (the path is relative to the sweep file)");
    }
    if (prior != null && !Files.isRegularFile(prior)) {
      problems.add("prior: no such file " + prior + " (the path is relative to the sweep file)");
    }
    if (Files.isRegularFile(base) && ConfigLoader.isPrior(base)) {
      problems.add("base: " + base + " is a prior config; a sweep's base is an experiment config, and a prior config goes under \"prior\"");
    }
    if (prior != null && Files.isRegularFile(prior) && !ConfigLoader.isPrior(prior)) {
      problems.add("prior: " + prior + " is an experiment config, not a prior config (one with a \"prior\" section)");
    }
    Map<String, JsonNode> set = overrides(json.path("set"));
    set.putAll(commandLine(setFlags, "--set"));
    Map<String, JsonNode> priorOverrides = overrides(json.path("prior_set"));
    priorOverrides.putAll(commandLine(priorSetFlags, "--prior-set"));
    if (prior == null && !priorOverrides.isEmpty()) {
      problems.add("prior_set (or --prior-set): the sweep has no prior; add \"prior\" or drop them");
    }
    Map<String, List<JsonNode>> grid = new LinkedHashMap<>();
    json.path("grid").properties().forEach(e -> {
      List<JsonNode> values = new ArrayList<>();
      e.getValue().forEach(values::add);
      grid.put(e.getKey(), values);
      Set<JsonNode> distinct = new LinkedHashSet<>(values);
      if (distinct.size() != values.size()) {
        checks.add("grid." + e.getKey() + ": a value is listed twice; each must be distinct");
      }
    });
    List<Map<String, JsonNode>> variants = new ArrayList<>();
    for (JsonNode v : json.path("variants")) {
      Map<String, JsonNode> variant = overrides(v);
      for (String key : variant.keySet()) {
        if (grid.containsKey(key)) {
          problems.add("variants[" + variants.size() + "]." + key + ": also a grid key; sweep it in one place only");
        }
      }
      variants.add(variant);
    }
    for (String key : reserved(set.keySet(), grid.keySet(), variants)) {
      problems.add(key + ": set by the sweep itself (use seeds for the seed; the run name is the point's)");
    }
    for (String key : set.keySet()) {
      if (grid.containsKey(key) || variants.stream().anyMatch(v -> v.containsKey(key))) {
        problems.add("set." + key + " (or --set): also swept by the grid or variants; sweep it in one place only");
      }
    }
    for (String key : priorOverrides.keySet()) {
      if (key.equals("seed") || key.equals("name") || key.equals("prior.run")) {
        problems.add("prior_set." + key + ": set by the sweep itself for each point's prior");
      }
    }
    List<Long> seeds = new ArrayList<>();
    json.path("seeds").forEach(s -> seeds.add(s.asLong()));
    List<Long> priorSeeds = new ArrayList<>();
    json.path("prior_seeds").forEach(s -> priorSeeds.add(s.asLong()));
    for (long s : priorSeeds) {
      if (!seeds.contains(s)) {
        problems.add("prior_seeds: " + s + " is not one of seeds " + seeds);
      }
    }
    if (json.has("prior_seeds") && prior == null) {
      problems.add("prior_seeds: the sweep has no prior; add \"prior\" or drop prior_seeds");
    }
    List<SweepConfig.Plot> plots = new ArrayList<>();
    json.path("plots").forEach(p -> plots.add(new SweepConfig.Plot(p.path("metric").asText("test_mse"), p.path("x").asText(),
        p.path("group").asText("model.kind"))));
    if (plots.isEmpty()) {
      String x = !grid.isEmpty() ? grid.keySet().iterator().next()
          : variants.isEmpty() ? null : variants.get(0).keySet().iterator().next();
      if (x != null) {
        plots.add(new SweepConfig.Plot("test_mse", x, "model.kind"));
      }
    }
    if (!problems.isEmpty()) {
      throw ConfigLoader.failure(ConfigOrigins.of(file, raw), problems);
    }
    return new SweepConfig(json.path("name").asText(), json.path("description").asText(), file, base, set, grid, variants, seeds,
        prior, priorSeeds.isEmpty() ? seeds : priorSeeds, priorOverrides, plots, json.path("output").path("dir").asText(),
        flags(setFlags, priorSetFlags));
  }

  private static List<String> flags(List<String> set, List<String> priorSet) {
    List<String> out = new ArrayList<>();
    set.forEach(o -> out.addAll(List.of("--set", o)));
    priorSet.forEach(o -> out.addAll(List.of("--prior-set", o)));
    return out;
  }

  /** Command-line overrides as a map; a malformed one is an error naming it. */
  private static Map<String, JsonNode> commandLine(List<String> overrides, String flag) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String o : overrides) {
      int eq = ConfigOverrides.separator(o, flag, "training.steps=20000");
      out.put(o.substring(0, eq).trim(), ConfigOverrides.value(o.substring(eq + 1)));
    }
    return out;
  }

  /** Whether {@code file} reads as a sweep file (it names a base config), so other commands can point to {@code sweep}. */
  public static boolean isSweep(Path file) {
    return ConfigFiles.read(file).has("base");
  }

  private static Map<String, JsonNode> overrides(JsonNode object) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    object.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Keys the sweep sets for each point itself: seed (from seeds) and name (the point's). */
  private static List<String> reserved(Set<String> setKeys, Set<String> gridKeys, List<Map<String, JsonNode>> variants) {
    List<String> out = new ArrayList<>();
    setKeys.stream().filter(SweepConfigLoader::isReserved).forEach(k -> out.add("set." + k));
    gridKeys.stream().filter(SweepConfigLoader::isReserved).forEach(k -> out.add("grid." + k));
    for (int i = 0; i < variants.size(); i++) {
      String at = "variants[" + i + "].";
      variants.get(i).keySet().stream().filter(SweepConfigLoader::isReserved).forEach(k -> out.add(at + k));
    }
    return out;
  }

  private static boolean isReserved(String key) {
    return key.equals("seed") || key.equals("name");
  }
}
