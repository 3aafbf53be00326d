package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hrvq.experiments.config.SweepConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Expands a sweep into its points: every grid combination (first key slowest) crossed with every
 * variant (or none), each for every seed, seeds varying fastest so one setting's seeds sit together.
 *
 * <p>A point's folder (and run) name lists its swept values by their last key, key and value joined
 * by {@code -}, pairs by {@code _} ({@code codewords-8_kind-vqvae_seed-1}), other characters than
 * {@code [A-Za-z0-9._-]} in a key or value replaced by {@code .}, and keys set to null (removed)
 * left out; when two points would share
 * a name, full paths are used, and failing that the point's number is put in front.
 */
public final class SweepPoints {
  // A point's id is also its run's name, which the experiment schema limits to these characters.
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

  private SweepPoints() {}

  public static List<SweepRun> expand(SweepConfig sweep) {
    List<Map<String, JsonNode>> settings = new ArrayList<>();
    for (Map<String, JsonNode> combination : combinations(sweep.grid())) {
      List<Map<String, JsonNode>> variants = sweep.variants().isEmpty() ? List.of(Map.of()) : sweep.variants();
      for (Map<String, JsonNode> variant : variants) {
        Map<String, JsonNode> swept = new LinkedHashMap<>(combination);
        swept.putAll(variant);
        settings.add(swept);
      }
    }
    List<String> ids = ids(settings, sweep.seeds(), false);
    if (new HashSet<>(ids).size() != ids.size()) {
      ids = ids(settings, sweep.seeds(), true);
    }
    if (new HashSet<>(ids).size() != ids.size()) {
      List<String> numbered = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        numbered.add(String.format("%03d-%s", i + 1, ids.get(i)));
      }
      ids = numbered;
    }
    List<SweepRun> points = new ArrayList<>();
    int i = 0;
    for (Map<String, JsonNode> swept : settings) {
      for (long seed : sweep.seeds()) {
        String id = ids.get(i);
        points.add(new SweepRun(i, id, swept, seed,
            SweepRun.overrides(sweep.set(), swept, seed, id)));
        i++;
      }
    }
    return points;
  }

  /** Every combination of the grid's values, the first key varying slowest; one empty one for no grid. */
  static List<Map<String, JsonNode>> combinations(Map<String, List<JsonNode>> grid) {
    List<Map<String, JsonNode>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<JsonNode>> key : grid.entrySet()) {
      List<Map<String, JsonNode>> next = new ArrayList<>();
      for (Map<String, JsonNode> partial : out) {
        for (JsonNode value : key.getValue()) {
          Map<String, JsonNode> m = new LinkedHashMap<>(partial);
          m.put(key.getKey(), value);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  private static List<String> ids(List<Map<String, JsonNode>> settings, List<Long> seeds, boolean fullPaths) {
    List<String> out = new ArrayList<>();
    for (Map<String, JsonNode> swept : settings) {
      for (long seed : seeds) {
        List<String> parts = new ArrayList<>();
        // A null removes a key (it takes its default): it says nothing that tells the point apart.
        swept.forEach((k, v) -> {
          if (!v.isNull()) {
            parts.add(safe(fullPaths ? k : k.substring(k.lastIndexOf('.') + 1)) + "-" + safe(SweepRun.text(v)));
          }
        });
        parts.add("seed-" + seed);
        out.add(String.join("_", parts));
      }
    }
    return out;
  }

  private static String safe(String text) {
    return UNSAFE.matcher(text).replaceAll(".");
  }

  /** The swept keys of all points, in first-seen order: the results' columns after point and seed. */
  public static List<String> sweptKeys(List<SweepRun> points) {
    Set<String> keys = new java.util.LinkedHashSet<>();
    points.forEach(p -> keys.addAll(p.swept().keySet()));
    return List.copyOf(keys);
  }
}
