package dev.hrvq.experiments.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Rewrites json-schema-validator's errors as {@code path: what is wrong; what is allowed}, with
 * the path dotted ({@code model.quantizer.codewords}).
 */
final class SchemaMessages {
  private static final int MAX_VALUE_CHARS = 60;

  private SchemaMessages() {}

  static String describe(Error e, ConfigSchema schema) {
    List<Object> location = elements(e.getInstanceLocation());
    String path = JsonPaths.dotted(location);
    JsonNode bound = e.getSchemaNode();
    JsonNode value = e.getInstanceNode();
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    return switch (keyword) {
      case "additionalProperties" -> {
        JsonNode here = schema.at(location);
        List<String> allowed = new ArrayList<>();
        if (here != null) {
          here.path("properties").fieldNames().forEachRemaining(allowed::add);
        }
        String key = e.getProperty();
        String hint = closest(key, allowed);
        yield JsonPaths.child(path, key) + ": unknown key" + (hint == null ? "" : " (did you mean " + hint + "?)")
            + "; allowed keys: " + String.join(", ", allowed);
      }
      case "required" -> JsonPaths.child(path, e.getProperty()) + ": required key is missing";
      case "type" -> path + ": expected " + typeName(bound) + ", got " + kind(value)
          + (value == null || value.isNull() ? "" : " " + shown(value));
      case "enum" -> path + ": " + shown(value) + " is not allowed; allowed values: " + list(bound);
      case "const" -> path + ": " + shown(value) + " is not allowed; the only allowed value is " + bound;
      case "minimum" -> path + ": " + shown(value) + " is out of range; must be >= " + bound.asText();
      case "maximum" -> path + ": " + shown(value) + " is out of range; must be <= " + bound.asText();
      case "exclusiveMinimum" -> path + ": " + shown(value) + " is out of range; must be > " + bound.asText();
      case "exclusiveMaximum" -> path + ": " + shown(value) + " is out of range; must be < " + bound.asText();
      case "multipleOf" -> path + ": " + shown(value) + " is not allowed; must be a multiple of " + bound.asText();
      case "minLength" -> path + ": must have at least " + bound.asText() + " character(s)";
      case "pattern" -> path + ": " + shown(value) + " does not match the pattern " + bound.asText();
      case "minItems" -> path + ": has " + value.size() + " item(s); needs at least " + bound.asText();
      case "maxItems" -> path + ": has " + value.size() + " item(s); allows at most " + bound.asText();
      default -> path + ": " + e.getMessage();
    };
  }

  private static List<Object> elements(NodePath p) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < p.getNameCount(); i++) {
      out.add(p.getElement(i));
    }
    return out;
  }

  /** "an integer", "a number or null". */
  private static String typeName(JsonNode type) {
    if (type.isArray()) {
      List<String> names = StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).toList();
      return article(names.get(0)) + " " + String.join(" or ", names);
    }
    return article(type.asText()) + " " + type.asText();
  }

  private static String article(String word) {
    return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : word.equals("null") ? "" : "a";
  }

  /** The JSON type of a value, as the schema names types. */
  static String kind(JsonNode v) {
    if (v == null) {
      return "nothing";
    }
    if (v.isIntegralNumber()) {
      return "an integer";
    }
    if (v.isNumber()) {
      return "a number";
    }
    return switch (v.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> v.getNodeType().toString().toLowerCase(Locale.ROOT);
    };
  }

  private static String shown(JsonNode v) {
    if (v == null || v.isNull()) {
      return "null";
    }
    String s = v.toString();
    return s.length() <= MAX_VALUE_CHARS ? s : s.substring(0, MAX_VALUE_CHARS - 3) + "...";
  }

  private static String list(JsonNode values) {
    return StreamSupport.stream(values.spliterator(), false)
        .map(v -> v.isTextual() ? v.asText() : v.toString())
        .collect(Collectors.joining(", "));
  }

  /** The allowed key nearest to {@code key} (at most 2 edits, or a case change), or null. */
  private static String closest(String key, List<String> allowed) {
    String best = null;
    int bestDistance = 3;
    for (String a : allowed) {
      int d = dev.hrvq.api.Paths.editDistance(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = a;
        bestDistance = d;
      }
    }
    return best;
  }

}
