package dev.hrvq.experiments.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep: its folder name, the values it sweeps (grid and variant keys, in order) and
 * its seed. {@link #overrides} are the {@code --set} strings that make its config from the base.
 */
public record SweepRun(int index, String id, Map<String, JsonNode> swept, long seed, List<String> overrides) {
  /** Text of a swept value as a table shows it: strings bare, numbers and the rest as JSON. */
  public static String text(JsonNode value) {
    return value.isTextual() ? value.asText() : value.toString();
  }

  static List<String> overrides(Map<String, JsonNode> fixed, Map<String, JsonNode> swept, long seed, String name) {
    List<String> out = new ArrayList<>();
    fixed.forEach((k, v) -> out.add(k + "=" + v));
    swept.forEach((k, v) -> out.add(k + "=" + v));
    out.add("seed=" + seed);
    out.add("name=" + name);
    return out;
  }
}
