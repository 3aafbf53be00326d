package dev.hrvq.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical text of a config and its hash: keys sorted, no whitespace, and numbers in one form
 * (a whole number is written as an integer, so {@code 1.0} and {@code 1} hash alike).
 */
final class CanonicalJson {
  private static final double EXACT_LIMIT = 9007199254740992.0; // 2^53

  private CanonicalJson() {}

  /** {@code node} with whole floating-point numbers as integers (a copy; key order kept). */
  static JsonNode normalizeNumbers(JsonNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode out = f.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), normalizeNumbers(e.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = f.arrayNode();
      node.forEach(v -> out.add(normalizeNumbers(v)));
      return out;
    }
    if (node.isFloatingPointNumber()) {
      double v = node.doubleValue();
      if (v == Math.rint(v) && Math.abs(v) < EXACT_LIMIT) {
        return f.numberNode((long) v);
      }
      return f.numberNode(v);
    }
    return node.deepCopy();
  }

  /** {@code node} with every object's keys sorted (a copy). */
  static JsonNode sorted(JsonNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isObject()) {
      TreeMap<String, JsonNode> keys = new TreeMap<>();
      node.properties().forEach(e -> keys.put(e.getKey(), sorted(e.getValue())));
      ObjectNode out = f.objectNode();
      keys.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = f.arrayNode();
      node.forEach(v -> out.add(sorted(v)));
      return out;
    }
    return node;
  }

  /** The canonical text: sorted keys, numbers normalized, compact. */
  static String text(JsonNode node) {
    try {
      return ConfigFiles.MAPPER.writeValueAsString(sorted(normalizeNumbers(node)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of {@link #text}, in lower-case hex. */
  static String sha256(JsonNode node) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text(node).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
