package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The config schema as a Markdown table (key, type, default, allowed values, description): the
 * README's config reference, between {@link #BEGIN} and {@link #END}.
 */
public final class ConfigReference {
  /** The README line before the table. */
  public static final String BEGIN = "<!-- config-reference begin -->";
  /** The README line after the table. */
  public static final String END = "<!-- config-reference end -->";

  /** The line before the sweep-file table. */
  public static final String SWEEP_BEGIN = "<!-- sweep-reference begin -->";
  /** The line after the sweep-file table. */
  public static final String SWEEP_END = "<!-- sweep-reference end -->";

  private ConfigReference() {}

  /** The experiment table, one row per key (sections too), in schema order; ends with a newline. */
  public static String markdown() {
    return markdown(ConfigSchema.get());
  }

  /** The same table for sweep files ({@code sweep.schema.json}). */
  public static String sweepMarkdown() {
    return markdown(ConfigSchema.sweep());
  }

  private static String markdown(ConfigSchema schema) {
    StringBuilder b = new StringBuilder();
    b.append("| key | type | default | allowed | description |\n");
    b.append("| --- | --- | --- | --- | --- |\n");
    rows(schema.root(), "", b);
    return b.toString();
  }

  /** {@code readme} with the text between the markers replaced by the current tables (the sweep one where it has its markers). */
  public static String updateReadme(String readme) {
    String updated = replace(readme, BEGIN, END, markdown());
    return updated.contains(SWEEP_BEGIN) ? replace(updated, SWEEP_BEGIN, SWEEP_END, sweepMarkdown()) : updated;
  }

  private static String replace(String readme, String beginMarker, String endMarker, String table) {
    int begin = readme.indexOf(beginMarker);
    int end = readme.indexOf(endMarker);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the README lacks the lines " + beginMarker + " and " + endMarker);
    }
    return readme.substring(0, begin + beginMarker.length()) + "\n" + table + readme.substring(end);
  }

  /** The text between the markers, without the newline after {@link #BEGIN}. */
  public static String inReadme(String readme) {
    return between(readme, BEGIN, END);
  }

  /** The text between the sweep markers. */
  public static String sweepInReadme(String readme) {
    return between(readme, SWEEP_BEGIN, SWEEP_END);
  }

  private static String between(String readme, String beginMarker, String endMarker) {
    int begin = readme.indexOf(beginMarker);
    int end = readme.indexOf(endMarker);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("the README lacks the lines " + beginMarker + " and " + endMarker);
    }
    String between = readme.substring(begin + beginMarker.length(), end);
    return between.startsWith("\n") ? between.substring(1) : between;
  }

  /** "`3` (hrvqvae)" from a key's per-kind (or per-data-set) defaults, or "". */
  private static String kindDefaults(JsonNode sub) {
    List<String> parts = new ArrayList<>();
    for (String keyword : List.of(ConfigSemantics.KIND_DEFAULT, ConfigSemantics.DATASET_DEFAULT)) {
      sub.path(keyword).properties().forEach(e -> parts.add("`" + e.getValue() + "` (" + e.getKey() + ")"));
    }
    return String.join(", ", parts);
  }

  private static void rows(JsonNode schema, String prefix, StringBuilder b) {
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
      String path = prefix.isEmpty() ? p.getKey() : prefix + "." + p.getKey();
      JsonNode sub = p.getValue();
      b.append("| `").append(path).append("` | ")
          .append(type(sub)).append(" | ")
          .append(sub.has("default") ? "`" + sub.get("default") + "`" : required.contains(p.getKey()) ? "required" : kindDefaults(sub))
          .append(" | ")
          .append(cell(allowed(sub)))
          .append(" | ")
          .append(cell(sub.path("description").asText()))
          .append(" |\n");
      if (sub.has("properties")) {
        rows(sub, path, b);
      }
    }
  }

  private static String type(JsonNode sub) {
    JsonNode t = sub.path("type");
    String names = t.isArray()
        ? StreamSupport.stream(t.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(" or "))
        : t.asText();
    if (sub.has("items")) {
      names += " of " + sub.get("items").path("type").asText();
    }
    return names;
  }

  private static String allowed(JsonNode sub) {
    List<String> parts = new ArrayList<>();
    if (sub.has("enum")) {
      parts.add(StreamSupport.stream(sub.get("enum").spliterator(), false)
          .map(v -> "`" + (v.isTextual() ? v.asText() : v.toString()) + "`")
          .collect(Collectors.joining(", ")));
    }
    parts.addAll(bounds(sub));
    if (sub.has("multipleOf")) {
      parts.add("multiple of " + sub.get("multipleOf").asText());
    }
    if (sub.has("pattern")) {
      parts.add("matches `" + sub.get("pattern").asText() + "`");
    }
    if (sub.path("minLength").asInt() == 1) {
      parts.add("non-empty");
    }
    if (sub.has("minItems")) {
      parts.add("at least " + sub.get("minItems").asText() + " item(s)");
    }
    if (sub.has("items")) {
      List<String> each = bounds(sub.get("items"));
      if (!each.isEmpty()) {
        parts.add("each " + String.join(", ", each));
      }
    }
    return String.join("; ", parts);
  }

  private static List<String> bounds(JsonNode sub) {
    List<String> out = new ArrayList<>();
    String[][] keys = {{"minimum", ">="}, {"exclusiveMinimum", ">"}, {"maximum", "<="}, {"exclusiveMaximum", "<"}};
    for (String[] k : keys) {
      if (sub.has(k[0])) {
        out.add(k[1] + " " + sub.get(k[0]).asText());
      }
    }
    return out.isEmpty() ? out : List.of(String.join(", ", out));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
